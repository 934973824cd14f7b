package dev.ragops.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.IndexedChunk;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.TextAnalysis;
import dev.ragops.testkit.Fixtures;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each collection's keyword leg analyzes text as its own {@link TextAnalysis} says, at indexing and
 * at query time, in one shared Lucene index: the same passage in four collections matches different
 * queries.
 */
class CollectionAnalysisTest {

  private static final Map<String, TextAnalysis> ANALYSES =
      Map.of(
          "en", TextAnalysis.ENGLISH,
          "std", TextAnalysis.STANDARD,
          "ws", TextAnalysis.WHITESPACE,
          "de", TextAnalysis.GERMAN);

  private static final String PASSAGE =
      "The runners were running past the old Häuser; error E-1234 stopped the Pumps.";

  @TempDir Path directory;
  private LuceneIndex index;

  @BeforeEach
  void index() {
    index = new LuceneIndex(directory, false, 0, ANALYSES::get);
    for (String collection : ANALYSES.keySet()) {
      List<IndexedChunk> chunks =
          Fixtures.document(collection, "doc", "Field notes", PASSAGE).stream()
              .map(chunk -> new IndexedChunk(chunk, new float[0]))
              .toList();
      FixtureLoading.load(index, chunks);
    }
  }

  @AfterEach
  void close() {
    index.close();
  }

  @Test
  void englishStemsWhereStandardDoesNot() {
    assertThat(matches("en", "run")).isTrue();
    assertThat(matches("std", "run")).isFalse();
    assertThat(matches("std", "running")).isTrue();
  }

  @Test
  void englishDropsStopWordsWhereStandardKeepsThem() {
    assertThat(matches("en", "the")).isFalse();
    assertThat(matches("std", "the")).isTrue();
  }

  @Test
  void whitespaceKeepsCodesWholeAndCaseSensitive() {
    assertThat(matches("ws", "E-1234")).isTrue();
    assertThat(matches("ws", "e-1234")).isFalse();
    assertThat(matches("ws", "1234")).isFalse();
    assertThat(matches("std", "1234")).isTrue();
  }

  @Test
  void germanStemsAndFoldsUmlauts() {
    assertThat(matches("de", "Haus")).isTrue();
    assertThat(matches("en", "Haus")).isFalse();
  }

  @Test
  void hitsKeepTheirStoredTextWhateverTheAnalysis() {
    for (String collection : ANALYSES.keySet()) {
      List<ScoredChunk> hits = index.keyword(SearchScope.of(collection), "runners", 10);
      assertThat(hits)
          .singleElement()
          .satisfies(hit -> {
            assertThat(hit.chunk().text()).isEqualTo(PASSAGE);
            assertThat(hit.chunk().title()).isEqualTo("Field notes");
            assertThat(hit.chunk().collection()).isEqualTo(collection);
          });
    }
  }

  @Test
  void namesTheKnownAnalyzersWhenGivenAnUnknownOne() {
    assertThat(TextAnalysis.of(null)).isEqualTo(TextAnalysis.ENGLISH);
    assertThat(TextAnalysis.of("german")).isEqualTo(TextAnalysis.GERMAN);
    assertThatThrownBy(() -> TextAnalysis.of("klingon"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("analyzer must be one of english, standard, whitespace")
        .hasMessageContaining("'klingon'");
  }

  private boolean matches(String collection, String query) {
    return !index.keyword(SearchScope.of(collection), query, 10).isEmpty();
  }
}
