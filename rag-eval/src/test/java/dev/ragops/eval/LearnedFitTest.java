package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.LearnedModel;
import dev.ragops.model.Retriever;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

class LearnedFitTest {

  private static final String HASH = "0".repeat(64);

  /**
   * 60 cases of 30 fused candidates in random order; the one relevant chunk is placed at fused rank
   * 8..30 and is fresher than the rest (age 0–40 days against 20–400), with every other feature
   * noise. Only a model that learns a negative age weight can lift it into the top ten.
   */
  private static List<LearnedFit.Case> synthetic(long seed) {
    Random random = new Random(seed);
    List<LearnedFit.Case> cases = new ArrayList<>();
    for (int c = 0; c < 60; c++) {
      int relevant = 7 + random.nextInt(23);
      List<Retriever.Hit> hits = new ArrayList<>();
      for (int rank = 0; rank < 30; rank++) {
        boolean isRelevant = rank == relevant;
        Map<String, Double> x = new LinkedHashMap<>();
        x.put("keywordScore", 10 * random.nextDouble());
        x.put("keywordRank", 1.0 + random.nextInt(31));
        x.put("vectorScore", random.nextDouble());
        x.put("vectorRank", 1.0 + random.nextInt(31));
        x.put("titleMatch", random.nextInt(3) / 2.0);
        x.put("ordinal", (double) random.nextInt(20));
        x.put("ageDays", isRelevant ? 40 * random.nextDouble() : 20 + 380 * random.nextDouble());
        String chunk = "q" + c + "-c" + rank;
        hits.add(new Retriever.Hit(chunk, "d-" + chunk, "s-" + chunk, 30 - rank, x));
      }
      var golden =
          new GoldenCase(
              "case-" + c,
              "query " + c,
              null,
              "manual",
              null,
              List.of(
                  new Judgment("s-q" + c + "-c" + relevant, "q" + c + "-c" + relevant, 2, HASH)),
              Instant.EPOCH,
              Instant.EPOCH);
      cases.add(new LearnedFit.Case(golden, hits));
    }
    return cases;
  }

  private static double[] fusedOrder(List<LearnedFit.Case> cases) {
    var zero = new LearnedModel(List.of("ordinal"), List.of(0.0), List.of(0.0), List.of(1.0));
    return cases.stream().mapToDouble(c -> LearnedFit.ndcg(zero, c)).toArray();
  }

  @Test
  void aZeroModelKeepsTheFusedOrder() {
    var cases = synthetic(1);
    var zero = new LearnedModel(List.of("ageDays"), List.of(0.0), List.of(0.0), List.of(1.0));
    var golden = cases.get(0).golden();
    var inOrder = CaseScore.of(golden, cases.get(0).candidates(), 10).metrics().get("ndcg@10");

    assertThat(LearnedFit.ndcg(zero, cases.get(0))).isEqualTo(inOrder);
  }

  @Test
  void theFitRanksBetterThanTheFusedOrderOnHeldOutFolds() {
    var cases = synthetic(7);
    double[] baseline = fusedOrder(cases);

    var result = LearnedFit.crossValidate(cases, baseline, 5, 42);

    assertThat(result.folds()).hasSize(5);
    assertThat(result.folds().stream().mapToInt(LearnedFit.Fold::cases).sum()).isEqualTo(60);
    for (var fold : result.folds()) {
      assertThat(fold.learned()).isGreaterThan(fold.baseline());
    }
    assertThat(result.gain()).isGreaterThan(0.3);
    int age = result.model().features().indexOf("ageDays");
    assertThat(result.model().weights().get(age)).isNegative();
  }

  @Test
  void fittingIsDeterministic() {
    var cases = synthetic(3);

    assertThat(LearnedFit.fit(cases)).isEqualTo(LearnedFit.fit(cases));
  }

  @Test
  void rejectsBadFoldsAndBaselines() {
    var cases = synthetic(5).subList(0, 4);

    assertThatThrownBy(() -> LearnedFit.crossValidate(cases, new double[4], 5, 1))
        .hasMessageContaining("folds");
    assertThatThrownBy(() -> LearnedFit.crossValidate(cases, new double[3], 2, 1))
        .hasMessageContaining("baseline");
  }
}
