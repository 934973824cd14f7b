package dev.ragops.eval;

import java.util.Map;

/** A finished eval run of one generation: its id in the eval history and its mean metrics. */
record ScoredRun(String runId, int generation, Map<String, Double> metrics) {

  ScoredRun {
    metrics = Map.copyOf(metrics);
  }
}
