package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ragops.model.Retriever;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class CaseScoreTest {

  private static final String HASH = "0".repeat(64);

  private static GoldenCase golden(Judgment... judgments) {
    return new GoldenCase(
        "case-1", "q", null, "manual", null, List.of(judgments), Instant.EPOCH, Instant.EPOCH);
  }

  private static Retriever.Hit hit(String chunk, String source, double score) {
    return new Retriever.Hit(chunk, "doc-" + source, source, score);
  }

  @Test
  void rerankedHitsWithTiedScoresAreScoredInTheirListOrder() {
    var golden = golden(new Judgment("a", null, 1, HASH));
    // a rerank stage kept a (relevant) first among equal scores; trec_eval order would put z first
    var hits = List.of(hit("c1", "a", 0.0), hit("c2", "m", 0.0), hit("c3", "z", 0.0));

    assertThat(CaseScore.of(golden, hits, 100).ranking()).containsExactly("z", "m", "a");
    var ranked = CaseScore.of(golden, CaseScore.inListOrder(hits), 100);

    assertThat(ranked.ranking()).containsExactly("a", "m", "z");
    assertThat(ranked.metrics().get("mrr@10")).isEqualTo(1.0);
  }

  @Test
  void documentCasesScoreEachDocumentByItsBestChunk() {
    var golden = golden(new Judgment("a", null, 2, HASH), new Judgment("c", null, 1, HASH));
    // b's chunks come first and twice; a's second chunk must not count again
    var hits =
        List.of(hit("c1", "b", 0.9), hit("c2", "b", 0.8), hit("c3", "a", 0.7), hit("c4", "a", 0.6));

    var score = CaseScore.of(golden, hits, 100);

    assertThat(score.ranking()).containsExactly("b", "a");
    // DCG = 2/log2(3); ideal = 2/log2(2) + 1/log2(3)
    double dcg = 2 / (Math.log(3) / Math.log(2));
    double ideal = 2 + 1 / (Math.log(3) / Math.log(2));
    assertThat(score.metrics().get("ndcg@10")).isCloseTo(dcg / ideal, within(1e-12));
    assertThat(score.metrics().get("recall@100")).isEqualTo(0.5);
    assertThat(score.metrics().get("mrr@10")).isEqualTo(0.5);
    assertThat(score.metrics().get("map")).isEqualTo(0.25);
    assertThat(score.metrics().get("p@10")).isCloseTo(0.1, within(1e-12));
    assertThat(score.metrics().get("rprec")).isEqualTo(0.5);
  }

  @Test
  void aChunkJudgmentInADocumentCaseCountsForItsDocument() {
    var golden = golden(new Judgment("a", null, 1, HASH), new Judgment("b", "chunk-b", 3, HASH));

    var score = CaseScore.of(golden, List.of(hit("x", "b", 1.0), hit("y", "a", 0.5)), 100);

    assertThat(golden.byChunk()).isFalse();
    assertThat(score.ranking()).containsExactly("b", "a");
    assertThat(score.metrics().get("ndcg@10")).isCloseTo(1.0, within(1e-12));
    assertThat(CaseScore.chunksToRetrieve(golden, 100)).isEqualTo(300);
  }

  @Test
  void chunkCasesScoreChunksCutAtTheDepth() {
    var golden = golden(new Judgment("a", "c2", 1, HASH));
    var hits = List.of(hit("c1", "a", 0.9), hit("c2", "a", 0.8), hit("c3", "b", 0.7));

    var deep = CaseScore.of(golden, hits, 100);
    var shallow = CaseScore.of(golden, hits, 1);

    assertThat(golden.byChunk()).isTrue();
    assertThat(CaseScore.chunksToRetrieve(golden, 100)).isEqualTo(100);
    assertThat(deep.ranking()).containsExactly("c1", "c2", "c3");
    assertThat(deep.metrics().get("mrr@10")).isEqualTo(0.5);
    assertThat(shallow.ranking()).containsExactly("c1");
    assertThat(shallow.metrics().get("recall@100")).isZero();
  }

  @Test
  void tiesAreOrderedAsTrecEvalOrdersThem() {
    var golden = golden(new Judgment("a", null, 1, HASH));

    var score = CaseScore.of(golden, List.of(hit("1", "a", 0.5), hit("2", "b", 0.5)), 100);

    // equal scores: document id descending, so b before a
    assertThat(score.ranking()).containsExactly("b", "a");
    assertThat(score.metrics().get("mrr@10")).isEqualTo(0.5);
  }

  @Test
  void nothingRetrievedScoresZeroAndMeansAverageEveryCase() {
    var empty = CaseScore.of(golden(new Judgment("a", null, 1, HASH)), List.of(), 100);
    var perfect =
        CaseScore.of(golden(new Judgment("a", null, 1, HASH)), List.of(hit("1", "a", 1)), 100);

    assertThat(empty.metrics().values()).allMatch(v -> v == 0.0);
    var means = CaseScore.means(List.of(empty.metrics(), perfect.metrics()));
    assertThat(means.get("ndcg@10")).isEqualTo(0.5);
    assertThat(means.get("p@10")).isCloseTo(0.05, within(1e-12));
    assertThat(CaseScore.means(List.of()).get("map")).isZero();
  }
}
