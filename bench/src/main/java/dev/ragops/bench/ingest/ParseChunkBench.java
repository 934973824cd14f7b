package dev.ragops.bench.ingest;

import dev.ragops.bench.Results;
import dev.ragops.ingestion.DryRun;
import dev.ragops.model.RagopsException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Parse and chunk throughput on a real corpus: every file under the given folders (by default
 * Debian's PostgreSQL 15 HTML manual and the PDFs Debian doc packages ship) is parsed with Tika and
 * chunked by every chunker, with the model's own tokenizer. Nothing is embedded or stored.
 *
 * <pre>
 * apt-get install postgresql-doc-15
 * ./mvnw -B -q package -pl bench -am -DskipTests
 * java --add-modules jdk.incubator.vector -Dai.djl.offline=true \
 *   -cp "bench/target/classes:bench/target/lib/*" dev.ragops.bench.ingest.ParseChunkBench
 * </pre>
 *
 * Writes the "Parse and chunk (ingestion)" section of {@code bench/RESULTS.md}.
 */
public final class ParseChunkBench {

  private static final List<String> DEFAULT_CORPUS =
      List.of(
          "/usr/share/doc/postgresql-doc-15/html",
          "/usr/share/doc/libtasn1-doc/libtasn1.pdf",
          "/usr/share/doc/shared-mime-info/shared-mime-info-spec.pdf");
  private static final List<String> STRATEGIES =
      List.of("token-window", "recursive", "sentence-window", "structure");

  private ParseChunkBench() {}

  /** Totals of one pass over the corpus. */
  private record Pass(
      int documents,
      int failed,
      long bytes,
      long characters,
      long chunks,
      long parseNanos,
      long chunkNanos) {}

  public static void main(String[] args) throws IOException {
    List<Path> files = corpus(args.length == 0 ? DEFAULT_CORPUS : List.of(args));
    if (files.isEmpty()) {
      throw new IllegalStateException(
          "no files: apt-get install postgresql-doc-15, or name folders");
    }
    Path dataDir = Files.createTempDirectory("ragops-parse-bench");
    try (ApplicationContext context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port", -1,
                    "ragops.data-dir", dataDir.toString(),
                    "ragops.ingest.max-characters", 50_000_000))
            .start()) {
      var dryRun = context.getBean(DryRun.class);
      List<byte[]> contents = new ArrayList<>();
      for (Path file : files) {
        contents.add(Files.readAllBytes(file));
      }
      run(dryRun, files, contents, "token-window"); // warm-up: parsers, JIT, tokenizer
      var table = new StringBuilder();
      table.append(
          "| chunker | docs | failed | MB | parse MB/s | parse docs/s | chunks | chunk chunks/s | chunk MB text/s |\n");
      table.append("|---|---|---|---|---|---|---|---|---|\n");
      Pass first = null;
      for (String strategy : STRATEGIES) {
        var pass = run(dryRun, files, contents, strategy);
        first = first == null ? pass : first;
        double parseSeconds = pass.parseNanos() / 1e9;
        double chunkSeconds = pass.chunkNanos() / 1e9;
        table.append(
            String.format(
                Locale.ROOT,
                "| %s | %d | %d | %.1f | %.2f | %.1f | %d | %.0f | %.2f |%n",
                strategy,
                pass.documents(),
                pass.failed(),
                pass.bytes() / 1e6,
                pass.bytes() / 1e6 / parseSeconds,
                pass.documents() / parseSeconds,
                pass.chunks(),
                pass.chunks() / chunkSeconds,
                pass.characters() / 1e6 / chunkSeconds));
        System.out.print(table.substring(table.lastIndexOf("| " + strategy)));
      }
      String body =
          Results.header(
                  "java --add-modules jdk.incubator.vector -Dai.djl.offline=true -cp"
                      + " \"bench/target/classes:bench/target/lib/*\""
                      + " dev.ragops.bench.ingest.ParseChunkBench")
              + "- Corpus: "
              + files.size()
              + " files, "
              + String.format(Locale.ROOT, "%.1f MB", first.bytes() / 1e6)
              + " ("
              + String.join(", ", args.length == 0 ? DEFAULT_CORPUS : List.of(args))
              + "); "
              + String.format(Locale.ROOT, "%.1f M", first.characters() / 1e6)
              + " characters of extracted text\n"
              + "- Parse: Tika 3.3.1 AutoDetectParser under the default limits, one thread;"
              + " chunk: 256-token chunks, 32 overlap (sentence-window: 3 sentences, 1 shared),"
              + " counted with bge-small's tokenizer. One warm-up pass first; each row is a"
              + " separate pass, so its parse figures show the run-to-run spread.\n"
              + "- Machine shared with other builds: compare rows of one run, not runs.\n\n"
              + table;
      Results.writeSection(Path.of("bench/RESULTS.md"), "Parse and chunk (ingestion)", body);
      System.out.println("wrote bench/RESULTS.md");
    }
  }

  private static Pass run(DryRun dryRun, List<Path> files, List<byte[]> contents, String strategy) {
    int documents = 0;
    int failed = 0;
    long bytes = 0;
    long characters = 0;
    long chunks = 0;
    long parseNanos = 0;
    long chunkNanos = 0;
    for (int i = 0; i < files.size(); i++) {
      try {
        var result = dryRun.run(contents.get(i), files.get(i).getFileName().toString(), strategy);
        documents++;
        bytes += contents.get(i).length;
        characters += result.characters();
        chunks += result.chunks();
        parseNanos += result.parseNanos();
        chunkNanos += result.chunkNanos();
      } catch (RagopsException e) {
        failed++;
      }
    }
    return new Pass(documents, failed, bytes, characters, chunks, parseNanos, chunkNanos);
  }

  private static List<Path> corpus(List<String> roots) throws IOException {
    List<Path> files = new ArrayList<>();
    for (String root : roots) {
      Path path = Path.of(root);
      if (Files.isRegularFile(path)) {
        files.add(path);
      } else if (Files.isDirectory(path)) {
        try (Stream<Path> walk = Files.walk(path)) {
          walk.filter(Files::isRegularFile).sorted().forEach(files::add);
        }
      }
    }
    return files;
  }
}
