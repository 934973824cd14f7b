package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunComparisonTest {

  private static EvalRun run(String id, double ndcg, double recall) {
    return new EvalRun(
        id,
        "gold",
        "succeeded",
        "manual",
        1,
        Map.of(),
        Map.of("ndcg@10", ndcg, "recall@100", recall),
        Instant.EPOCH,
        Instant.EPOCH,
        null);
  }

  private static RunStore.QueryResult result(String caseId, double ndcg) {
    return new RunStore.QueryResult(
        caseId, "q " + caseId, Map.of("ndcg@10", ndcg), List.of(), false);
  }

  @Test
  void deltasAreOtherMinusBaseAndCasesSplitIntoWinsLossesAndTies() {
    var base = run("base", 0.40, 0.80);
    var other = run("other", 0.45, 0.70);
    var baseCases = List.of(result("a", 0.2), result("b", 0.9), result("c", 0.5), result("d", 0.1));
    var otherCases =
        List.of(result("a", 0.7), result("b", 0.6), result("c", 0.5), result("e", 1.0));

    var comparison = RunComparison.of(base, baseCases, other, otherCases);

    assertThat(comparison.deltas().get("ndcg@10")).isCloseTo(0.05, within(1e-12));
    assertThat(comparison.deltas().get("recall@100")).isCloseTo(-0.10, within(1e-12));
    assertThat(comparison.wins()).extracting(RunComparison.Change::caseId).containsExactly("a");
    assertThat(comparison.wins().get(0).delta()).isCloseTo(0.5, within(1e-12));
    assertThat(comparison.losses()).extracting(RunComparison.Change::caseId).containsExactly("b");
    assertThat(comparison.losses().get(0).delta()).isCloseTo(-0.3, within(1e-12));
    assertThat(comparison.ties()).isEqualTo(1);
    assertThat(comparison.unmatched()).isEqualTo(2);
    assertThat(comparison.base().id()).isEqualTo("base");
    assertThat(comparison.other().metrics()).isEqualTo(other.metrics());
  }

  @Test
  void winsAreSortedBiggestFirstAndLossesWorstFirst() {
    var comparison =
        RunComparison.of(
            run("x", 0, 0),
            List.of(result("a", 0), result("b", 0), result("c", 1), result("d", 1)),
            run("y", 0, 0),
            List.of(result("a", 0.3), result("b", 0.6), result("c", 0.9), result("d", 0.2)));

    assertThat(comparison.wins())
        .extracting(RunComparison.Change::caseId)
        .containsExactly("b", "a");
    assertThat(comparison.losses())
        .extracting(RunComparison.Change::caseId)
        .containsExactly("d", "c");
  }
}
