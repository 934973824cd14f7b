package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Hand-computed fixtures. Judgments: d1 grade 3, d2 grade 0 (judged, not relevant), d3 grade 1, d4
 * grade 2, d5 grade 1, so R = 4 relevant documents. Ranking: d2, d1, d6, d3, d7 (d6 and d7 are
 * unjudged), so relevant documents sit at ranks 2 and 4.
 */
class RetrievalMetricsTest {

  static final Map<String, Integer> GRADES = Map.of("d1", 3, "d2", 0, "d3", 1, "d4", 2, "d5", 1);
  static final List<String> RANKING = List.of("d2", "d1", "d6", "d3", "d7");

  @Test
  void precisionDividesByTheCutoffEvenWhenFewerDocumentsCameBack() {
    assertThat(RetrievalMetrics.precision(RANKING, GRADES, 5)).isEqualTo(2 / 5.0);
    assertThat(RetrievalMetrics.precision(RANKING, GRADES, 10)).isEqualTo(2 / 10.0);
    assertThat(RetrievalMetrics.precision(RANKING, GRADES, 1)).isZero();
  }

  @Test
  void recallDividesByAllRelevantDocuments() {
    assertThat(RetrievalMetrics.recall(RANKING, GRADES, 5)).isEqualTo(2 / 4.0);
    assertThat(RetrievalMetrics.recall(RANKING, GRADES, 2)).isEqualTo(1 / 4.0);
    assertThat(RetrievalMetrics.recall(RANKING, GRADES, 100)).isEqualTo(2 / 4.0);
  }

  @Test
  void reciprocalRankIsCutAtK() {
    assertThat(RetrievalMetrics.reciprocalRank(RANKING, GRADES, 10)).isEqualTo(0.5);
    assertThat(RetrievalMetrics.reciprocalRank(RANKING, GRADES, 2)).isEqualTo(0.5);
    assertThat(RetrievalMetrics.reciprocalRank(RANKING, GRADES, 1)).isZero();
  }

  @Test
  void averagePrecisionCountsUnretrievedRelevantDocumentsAsZero() {
    // (1/2 + 2/4) / 4
    assertThat(RetrievalMetrics.averagePrecision(RANKING, GRADES)).isEqualTo(0.25);
  }

  @Test
  void rPrecisionLooksAtTheTopR() {
    // R = 4: d2, d1, d6, d3 hold 2 relevant documents
    assertThat(RetrievalMetrics.rPrecision(RANKING, GRADES)).isEqualTo(0.5);
  }

  @Test
  void ndcgUsesGradesAsGainsAndTheIdealRankingOfTheQrels() {
    // DCG@5 = 3/log2(3) + 1/log2(5); IDCG@5 = 3/log2(2) + 2/log2(3) + 1/log2(4) + 1/log2(5)
    assertThat(RetrievalMetrics.ndcg(RANKING, GRADES, 5))
        .isCloseTo(0.4474626251230429, within(1e-12));
    // DCG@3 = 3/log2(3); IDCG@3 = 3 + 2/log2(3) + 1/log2(4)
    assertThat(RetrievalMetrics.ndcg(RANKING, GRADES, 3))
        .isCloseTo(0.39748952229168844, within(1e-12));
  }

  @Test
  void ndcgRewardsTheHigherGradeFirst() {
    Map<String, Integer> grades = Map.of("d1", 3, "d4", 2);
    assertThat(RetrievalMetrics.ndcg(List.of("d1", "d4"), grades, 10)).isEqualTo(1.0);
    // (2 + 3/log2(3)) / (3 + 2/log2(3))
    assertThat(RetrievalMetrics.ndcg(List.of("d4", "d1"), grades, 10))
        .isCloseTo(0.9134015924715543, within(1e-12));
  }

  @Test
  void gradeZeroAndNegativeGradesAreNotRelevant() {
    Map<String, Integer> grades = Map.of("a", 0, "b", -1, "c", 1);
    List<String> ranking = List.of("a", "b", "c");
    assertThat(RetrievalMetrics.relevantCount(grades)).isEqualTo(1);
    assertThat(RetrievalMetrics.reciprocalRank(ranking, grades, 10)).isEqualTo(1 / 3.0);
    assertThat(RetrievalMetrics.recall(ranking, grades, 2)).isZero();
    assertThat(RetrievalMetrics.ndcg(ranking, grades, 10)).isEqualTo(0.5); // 1/log2(4) over 1
  }

  @Test
  void aQueryWithNoRelevantDocumentsScoresZeroEverywhere() {
    Map<String, Integer> grades = Map.of("a", 0);
    List<String> ranking = List.of("a", "b");
    for (String name : List.of("ndcg@10", "recall@10", "p@10", "mrr@10", "map", "rprec")) {
      assertThat(Metric.parse(name).value(ranking, grades)).as(name).isZero();
    }
  }

  @Test
  void anEmptyRankingScoresZero() {
    for (String name : List.of("ndcg@10", "recall@10", "p@10", "mrr@10", "map", "rprec")) {
      assertThat(Metric.parse(name).value(List.of(), GRADES)).as(name).isZero();
    }
  }
}
