package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/**
 * One evaluation of a golden set against one index generation.
 *
 * @param id the run's id
 * @param dataset the golden set's name
 * @param status {@code queued}, {@code running}, {@code succeeded} or {@code failed}
 * @param trigger {@code manual}, {@code schedule} or {@code gate}
 * @param generation the index generation searched
 * @param settings the configuration snapshot: retrieval settings (mode, k, fusion, rerank, …) and
 *     {@code embeddingModel}
 * @param metrics each metric's mean over the cases ({@code ndcg@10}, {@code recall@100}, {@code
 *     mrr@10}, {@code map}, {@code p@10}, {@code rprec}); empty until the run succeeded
 * @param error why the run failed, else {@code null}
 */
@Serdeable
public record EvalRun(
    String id,
    String dataset,
    String status,
    String trigger,
    int generation,
    Map<String, Object> settings,
    Map<String, Double> metrics,
    Instant createdAt,
    @Nullable Instant finishedAt,
    @Nullable String error) {

  public EvalRun {
    settings = settings == null ? Map.of() : java.util.Collections.unmodifiableMap(settings);
    metrics = metrics == null ? Map.of() : java.util.Collections.unmodifiableMap(metrics);
  }
}
