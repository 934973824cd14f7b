package dev.ragops.ingestion;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.NonRetriableException;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TikaExtractorTest {

  private static final TikaExtractor TIKA =
      new TikaExtractor(new ParseLimits(1_000_000, Duration.ofSeconds(30), 100, 100, 10));

  @AfterAll
  static void stop() {
    TIKA.stop();
  }

  static Stream<SampleFiles.Sample> samples() {
    return SampleFiles.all().stream();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void extractsTextOfEveryFormat(SampleFiles.Sample sample) {
    var extracted = TIKA.extract(sample.content(), sample.name());

    assertThat(extracted.contentType()).startsWith(sample.type());
    assertThat(extracted.text().replaceAll("\\s+", " ")).containsIgnoringCase(sample.marker());
  }

  /** A binary format's bytes decide its type, whatever name or extension the client sent. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("samples")
  void detectsTheTypeFromTheBytesNotTheName(SampleFiles.Sample sample) {
    if (sample.type().startsWith("text/")
        || sample.type().equals("application/xml")
        || sample.type().equals("application/rtf")
        || sample.type().equals("message/rfc822")) {
      return; // text formats have no magic bytes to tell them apart
    }
    var extracted = TIKA.extract(sample.content(), "misnamed.txt");

    assertThat(extracted.contentType()).startsWith(sample.type());
    assertThat(extracted.text().replaceAll("\\s+", " ")).containsIgnoringCase(sample.marker());
  }

  @Test
  void readsTitleAuthorAndPageCountOfAPdf() {
    var extracted = TIKA.extract(SampleFiles.pdf(), "report.pdf");

    assertThat(extracted.title()).isEqualTo("Wing flutter");
    assertThat(extracted.metadata())
        .containsEntry("author", "Ada Aerodyne")
        .containsEntry("pageCount", 2)
        .containsKey("created");
    int second = extracted.text().indexOf("second page");
    assertThat(extracted.structure().pageAt(0)).isEqualTo(1);
    assertThat(extracted.structure().pageAt(second)).isEqualTo(2);
  }

  @Test
  void readsHeadingsOfDocxHtmlOdtAndMarkdown() {
    var docx = TIKA.extract(SampleFiles.docx(), "bread.docx");
    assertThat(docx.structure().headingPathAt(docx.text().indexOf("overnight")))
        .isEqualTo("Baking sourdough > Proofing");
    assertThat(docx.metadata()).containsEntry("author", "Bea Baker");

    var html = TIKA.extract(SampleFiles.html(), "vacuum.html");
    assertThat(html.structure().headingPathAt(html.text().indexOf("daemon")))
        .isEqualTo("Routine vacuuming > Autovacuum");
    assertThat(html.metadata()).containsEntry("language", "en");

    var odt = TIKA.extract(SampleFiles.odt(), "notes.odt");
    assertThat(odt.structure().headingPathAt(odt.text().indexOf("crowded")))
        .isEqualTo("Apiary > Swarming");

    var markdown = TIKA.extract(SampleFiles.markdown(), "guide.md");
    assertThat(markdown.structure().headings())
        .extracting(TextStructure.Heading::title)
        .containsExactly("Baking guide", "Shaping");
    assertThat(markdown.structure().headingPathAt(markdown.text().indexOf("wet hands")))
        .isEqualTo("Baking guide > Shaping");
  }

  @Test
  void headingOffsetsPointAtTheHeadingText() {
    for (byte[] file : List.of(SampleFiles.docx(), SampleFiles.html(), SampleFiles.odt())) {
      var extracted = TIKA.extract(file, null);
      for (var heading : extracted.structure().headings()) {
        assertThat(extracted.text().substring(heading.offset())).startsWith(heading.title());
      }
    }
  }

  @Test
  void failsAnEncryptedPdfWithAClearReason() {
    assertThatThrownBy(() -> TIKA.extract(SampleFiles.encryptedPdf(), "sealed.pdf"))
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("encrypted or password-protected");
  }

  @Test
  void failsAnEmptyFile() {
    assertThatThrownBy(() -> TIKA.extract(new byte[0], "empty.txt"))
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("empty");
  }

  @Test
  void failsTextBeyondTheCharacterLimit() {
    var small = new TikaExtractor(new ParseLimits(100, Duration.ofSeconds(30), 100, 100, 10));
    try {
      assertThatThrownBy(() -> small.extract("word ".repeat(100).getBytes(), "long.txt"))
          .isInstanceOf(NonRetriableException.class)
          .hasMessageContaining("ragops.ingest.max-characters");
    } finally {
      small.stop();
    }
  }

  @Test
  void failsAParseThatOutlastsTheTimeout() {
    var hasty = new TikaExtractor(new ParseLimits(50_000_000, Duration.ofMillis(1), 100, 100, 10));
    try {
      assertThatThrownBy(
              () -> hasty.extract("a line of text\n".repeat(500_000).getBytes(), "big.txt"))
          .isInstanceOf(NonRetriableException.class)
          .hasMessageContaining("ragops.ingest.parse-timeout");
    } finally {
      hasty.stop();
    }
  }

  @Test
  void failsAZipBomb() throws Exception {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bomb.txt"));
      byte[] line = "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n".getBytes();
      for (int i = 0; i < 300_000; i++) {
        zip.write(line);
      }
      zip.closeEntry();
    }
    var strict =
        new TikaExtractor(new ParseLimits(50_000_000, Duration.ofSeconds(60), 100, 100, 10));
    try {
      assertThatThrownBy(() -> strict.extract(bytes.toByteArray(), "bomb.zip"))
          .isInstanceOf(NonRetriableException.class)
          .hasMessageContaining("ragops.ingest.max-compression-ratio");
    } finally {
      strict.stop();
    }
  }

  @Test
  void failsArchivesNestedDeeperThanTheLimit() throws Exception {
    byte[] inner = "the innermost secret".getBytes(StandardCharsets.UTF_8);
    for (int depth = 0; depth < 6; depth++) {
      var bytes = new ByteArrayOutputStream();
      try (var zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry(depth == 0 ? "secret.txt" : "level" + depth + ".zip"));
        zip.write(inner);
        zip.closeEntry();
      }
      inner = bytes.toByteArray();
    }
    byte[] nested = inner;
    var shallow =
        new TikaExtractor(new ParseLimits(1_000_000, Duration.ofSeconds(30), 100, 100, 3));
    try {
      var extracted = TIKA.extract(nested, "nested.zip");
      assertThat(extracted.text()).contains("innermost secret");
      assertThatThrownBy(() -> shallow.extract(nested, "nested.zip"))
          .isInstanceOf(NonRetriableException.class)
          .hasMessageContaining("max-package-depth");
    } finally {
      shallow.stop();
    }
  }
}
