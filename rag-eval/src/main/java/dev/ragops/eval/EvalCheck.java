package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code eval} check: scores the active generation on the schedule's golden set and compares it
 * with the generation's baseline run under the schedule's thresholds (floor, maxDrop).
 */
@Singleton
class EvalCheck implements FreshnessCheck {

  private final GoldenSetScorer scorer;
  private final QualityGate gate;
  private final CollectionCatalog catalog;
  private final FreshnessMetrics metrics;

  EvalCheck(
      GoldenSetScorer scorer,
      QualityGate gate,
      CollectionCatalog catalog,
      FreshnessMetrics metrics) {
    this.scorer = scorer;
    this.gate = gate;
    this.catalog = catalog;
    this.metrics = metrics;
  }

  @Override
  public String name() {
    return "eval";
  }

  @Override
  public Finding run(Schedule schedule) {
    String collection = schedule.collection();
    int active = catalog.requireActiveGeneration(collection);
    var baseline = gate.baseline(collection, schedule.dataset(), active);
    var run = scorer.score(collection, schedule.dataset(), active, "schedule");
    metrics.evaluated(collection, run.metrics());
    var breaches = schedule.thresholds().breaches(run.metrics(), baseline.metrics());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("dataset", schedule.dataset());
    details.put("generation", active);
    details.put("run", run.runId());
    details.put("metrics", run.metrics());
    details.put("baselineRun", baseline.runId());
    details.put("baselineMetrics", baseline.metrics());
    details.put("thresholds", schedule.thresholds().asMap());
    details.put("breaches", breaches.stream().map(Thresholds.Breach::describe).toList());
    return new Finding(
        name(),
        !breaches.isEmpty(),
        true,
        breaches.isEmpty()
            ? "eval: %s within thresholds".formatted(run.metrics())
            : "eval: "
                + String.join("; ", breaches.stream().map(Thresholds.Breach::describe).toList()),
        details);
  }
}
