package dev.ragops.eval;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a shadow generation may replace the active one: it scores the shadow on the
 * golden set and compares it with the active generation's baseline run (scored now, and kept as the
 * baseline, when the active generation has none) under the {@link Thresholds}.
 */
@Singleton
class QualityGate {

  /** The gate's decision with both runs and every breach. */
  record GateVerdict(
      boolean passed, ScoredRun baseline, ScoredRun candidate, List<Thresholds.Breach> breaches) {

    Map<String, Object> details(String dataset, Thresholds thresholds) {
      return Map.of(
          "passed", passed,
          "dataset", dataset,
          "baselineRun", baseline.runId(),
          "baselineGeneration", baseline.generation(),
          "baselineMetrics", baseline.metrics(),
          "candidateRun", candidate.runId(),
          "candidateGeneration", candidate.generation(),
          "candidateMetrics", candidate.metrics(),
          "thresholds", thresholds.asMap(),
          "breaches", breaches.stream().map(Thresholds.Breach::describe).toList());
    }
  }

  private final GoldenSetScorer scorer;
  private final Baselines baselines;
  private final EvalRuns history;

  QualityGate(GoldenSetScorer scorer, Baselines baselines, EvalRuns history) {
    this.scorer = scorer;
    this.baselines = baselines;
    this.history = history;
  }

  /**
   * The baseline run of {@code generation}: the gate run that promoted it; else the newest
   * succeeded run of the golden set on it in the eval history (e.g. a baseline eval started by
   * hand); else a new run. The one chosen is kept as the generation's baseline.
   */
  ScoredRun baseline(String collection, String dataset, int generation) {
    return baselines
        .find(collection, dataset, generation)
        .orElseGet(() -> {
          var run =
              history.list(collection, 1000).stream()
                  .filter(r -> r.dataset().equals(dataset) && r.generation() == generation)
                  .filter(r -> r.status().equals("succeeded") && !r.metrics().isEmpty())
                  .findFirst()
                  .map(r -> new ScoredRun(r.id(), generation, r.metrics()))
                  .orElseGet(() -> scorer.score(collection, dataset, generation, "gate"));
          baselines.save(collection, dataset, run);
          return run;
        });
  }

  GateVerdict judge(
      String collection, String dataset, Thresholds thresholds, int active, int candidate) {
    var baseline = baseline(collection, dataset, active);
    var run = scorer.score(collection, dataset, candidate, "gate");
    var breaches = thresholds.breaches(run.metrics(), baseline.metrics());
    return new GateVerdict(breaches.isEmpty(), baseline, run, breaches);
  }

  /** Makes a promoted generation's gate run its baseline. */
  void promoted(String collection, String dataset, ScoredRun run) {
    baselines.save(collection, dataset, run);
  }
}
