package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/**
 * A reindex: {@code POST /v1/collections/{name}/generations}, and {@code PATCH
 * /v1/collections/{name}} (where {@code chunker} and {@code embedding} sit at the top level).
 *
 * @param settings collection settings to change: {@code chunker}, {@code embedding}
 * @param dataset golden set for the quality gate
 * @param thresholds per metric {@code floor} and {@code maxDrop}; default {@code ndcg@10} maxDrop
 *     {@code ragops.freshness.default-max-drop}
 * @param promote {@code gate} (default with a dataset), {@code auto} (default without) or {@code
 *     manual}
 */
@Serdeable
record ReindexRequest(
    @Nullable Map<String, Object> settings,
    @Nullable Map<String, Object> chunker,
    @Nullable Map<String, Object> embedding,
    @Nullable String dataset,
    @Nullable Map<String, Thresholds.Limit> thresholds,
    @Nullable String promote) {

  static final List<String> PROMOTE = List.of("gate", "auto", "manual");

  Reindexer.Plan plan(String cause, double defaultMaxDrop) {
    String mode = promote != null ? promote : dataset != null ? "gate" : "auto";
    if (!PROMOTE.contains(mode)) {
      throw new IllegalArgumentException(
          "promote must be one of " + PROMOTE + ", got '" + mode + "'");
    }
    if (mode.equals("gate") && (dataset == null || dataset.isBlank())) {
      throw new IllegalArgumentException("dataset is required when promote is 'gate'");
    }
    Map<String, Object> changes = new java.util.LinkedHashMap<>();
    if (settings != null) {
      changes.putAll(settings);
    }
    if (chunker != null) {
      changes.put("chunker", chunker);
    }
    if (embedding != null) {
      changes.put("embedding", embedding);
    }
    return new Reindexer.Plan(
        changes, dataset, Thresholds.of(thresholds, defaultMaxDrop), mode, cause);
  }
}
