package dev.ragops.eval;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Two runs side by side: per-metric deltas of the means, and per case the change of nDCG@10, each
 * delta being {@code other − base}. A case is a win when other scores higher by more than {@link
 * #TIE}, a loss when lower, else a tie; cases that only one run scored are counted in {@code
 * unmatched}.
 */
@Serdeable
record RunComparison(
    Side base,
    Side other,
    Map<String, Double> deltas,
    List<Change> wins,
    List<Change> losses,
    int ties,
    int unmatched) {

  /** Differences smaller than this are ties. */
  static final double TIE = 1e-9;

  /** The metric per-case changes are measured on. */
  static final String PER_CASE_METRIC = "ndcg@10";

  /** A run's id and means. */
  @Serdeable
  record Side(String id, Map<String, Double> metrics) {}

  /** One case whose nDCG@10 changed. */
  @Serdeable
  record Change(String caseId, String query, double delta) {}

  static RunComparison of(
      EvalRun base,
      List<RunStore.QueryResult> baseQueries,
      EvalRun other,
      List<RunStore.QueryResult> otherQueries) {
    Map<String, Double> deltas = new LinkedHashMap<>();
    base.metrics()
        .forEach((metric, value) -> {
          Double theirs = other.metrics().get(metric);
          if (theirs != null) {
            deltas.put(metric, theirs - value);
          }
        });
    Map<String, RunStore.QueryResult> before = new LinkedHashMap<>();
    baseQueries.forEach(q -> before.put(q.caseId(), q));
    List<Change> wins = new ArrayList<>();
    List<Change> losses = new ArrayList<>();
    int ties = 0;
    int matched = 0;
    for (var after : otherQueries) {
      var was = before.get(after.caseId());
      if (was == null) {
        continue;
      }
      matched++;
      double delta =
          after.metrics().getOrDefault(PER_CASE_METRIC, 0.0)
              - was.metrics().getOrDefault(PER_CASE_METRIC, 0.0);
      if (delta > TIE) {
        wins.add(new Change(after.caseId(), after.query(), delta));
      } else if (delta < -TIE) {
        losses.add(new Change(after.caseId(), after.query(), delta));
      } else {
        ties++;
      }
    }
    wins.sort(Comparator.comparingDouble(Change::delta).reversed().thenComparing(Change::caseId));
    losses.sort(Comparator.comparingDouble(Change::delta).thenComparing(Change::caseId));
    int unmatched = baseQueries.size() + otherQueries.size() - 2 * matched;
    return new RunComparison(
        new Side(base.id(), base.metrics()),
        new Side(other.id(), other.metrics()),
        deltas,
        wins,
        losses,
        ties,
        unmatched);
  }
}
