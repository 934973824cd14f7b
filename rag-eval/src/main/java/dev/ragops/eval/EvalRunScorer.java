package dev.ragops.eval;

import jakarta.inject.Singleton;
import java.util.Map;

/** Scores generations through {@link EvalRuns}, so every gate and scheduled run is in history. */
@Singleton
class EvalRunScorer implements GoldenSetScorer {

  private final EvalRuns runs;

  EvalRunScorer(EvalRuns runs) {
    this.runs = runs;
  }

  @Override
  public ScoredRun score(String collection, String dataset, int generation, String trigger) {
    var run = runs.runNow(collection, dataset, generation, Map.of(), trigger);
    return new ScoredRun(run.id(), generation, run.metrics());
  }
}
