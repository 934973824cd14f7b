package dev.ragops.testkit;

import static dev.ragops.testkit.Fixtures.AERONAUTICS;
import static dev.ragops.testkit.Fixtures.COOKING;
import static dev.ragops.testkit.Fixtures.chunkContaining;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.model.IndexedChunk;
import dev.ragops.model.KeywordIndex;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import java.util.Comparator;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * What every {@link KeywordIndex} does, checked against the {@link Fixtures} corpus: BM25-like
 * ranking with English stemming, one collection at a time, free text without query syntax.
 */
public abstract class KeywordIndexContract {

  /** A fresh index holding exactly {@code chunks}. */
  protected abstract KeywordIndex keywordIndexWith(List<IndexedChunk> chunks);

  private KeywordIndex fixtureIndex() {
    return keywordIndexWith(Fixtures.indexedCorpus(TestSeed.DEFAULT));
  }

  @Test
  void ranksChunkWithRareQueryTermFirst() {
    List<ScoredChunk> results =
        fixtureIndex().search(SearchScope.of(AERONAUTICS), "turbofan surface", 10);

    assertThat(results).hasSizeGreaterThanOrEqualTo(2);
    assertThat(results.get(0).id()).isEqualTo(chunkContaining(AERONAUTICS, "turbofan").id());
  }

  @Test
  void matchesStemmedForms() {
    List<ScoredChunk> results = fixtureIndex().search(SearchScope.of(AERONAUTICS), "wings", 10);

    assertThat(results)
        .extracting(ScoredChunk::id)
        .containsExactly(chunkContaining(AERONAUTICS, "upper surface of a wing").id());
  }

  @Test
  void returnsNoChunksFromOtherCollection() {
    KeywordIndex index = fixtureIndex();

    assertThat(index.search(SearchScope.of(AERONAUTICS), "temperature gauge", 10))
        .extracting(ScoredChunk::id)
        .containsExactly(chunkContaining(AERONAUTICS, Fixtures.SHARED_TEXT).id());
    assertThat(index.search(SearchScope.of(AERONAUTICS), "dough vinaigrette roast", 10)).isEmpty();
    assertThat(index.search(SearchScope.of("no-such-collection"), "wing", 10)).isEmpty();
  }

  @Test
  void limitsResultsToK() {
    KeywordIndex index = fixtureIndex();
    String query = "angle airflow surface wing lift flaps runway";

    assertThat(index.search(SearchScope.of(AERONAUTICS), query, 100)).hasSizeGreaterThan(2);
    assertThat(index.search(SearchScope.of(AERONAUTICS), query, 2)).hasSize(2);
  }

  @Test
  void sortsResultsByDescendingScore() {
    List<ScoredChunk> results =
        fixtureIndex()
            .search(SearchScope.of(AERONAUTICS), "angle of attack airflow upper surface", 10);

    assertThat(results).hasSizeGreaterThan(2);
    assertThat(results)
        .isSortedAccordingTo(Comparator.comparingDouble(ScoredChunk::score).reversed());
  }

  @Test
  void returnsChunkFieldsIntact() {
    List<ScoredChunk> results = fixtureIndex().search(SearchScope.of(COOKING), "vinaigrette", 10);

    assertThat(results)
        .extracting(ScoredChunk::chunk)
        .containsExactly(chunkContaining(COOKING, "vinaigrette"));
  }

  @Test
  void treatsQuerySyntaxAsPlainText() {
    List<ScoredChunk> results =
        fixtureIndex().search(SearchScope.of(AERONAUTICS), "what is \"lift\" (wing)?", 10);

    assertThat(results).isNotEmpty();
    assertThat(results.get(0).id()).isEqualTo(chunkContaining(AERONAUTICS, "Lift is").id());
  }

  @Test
  void returnsNothingForQueryWithoutWords() {
    KeywordIndex index = fixtureIndex();
    for (String query :
        List.of("", "   ", "?", "()", "\"", "*", "+-&&||!(){}[]^\"~*?:\\/", "...;;")) {
      assertThat(index.search(SearchScope.of(AERONAUTICS), query, 10))
          .as("query '%s'", query)
          .isEmpty();
    }
  }
}
