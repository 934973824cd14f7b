package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Prometheus gauges of the freshness loop, per collection that has run a check or an eval:
 *
 * <ul>
 *   <li>{@code ragops_freshness_eval_score{collection,metric}}: the last scheduled eval's value;
 *   <li>{@code ragops_freshness_stale_documents{collection}}: documents a detector found stale;
 *   <li>{@code ragops_freshness_active_generation{collection}};
 *   <li>{@code ragops_freshness_last_success_age_seconds{collection}}: since the last schedule run
 *       whose checks all succeeded.
 * </ul>
 */
@Singleton
class FreshnessMetrics {

  private final MeterRegistry registry;
  private final CollectionCatalog catalog;
  private final StaleDocuments stale;
  private final Map<String, AtomicReference<Double>> scores = new ConcurrentHashMap<>();
  private final Map<String, AtomicReference<Instant>> lastSuccess = new ConcurrentHashMap<>();
  private final Set<String> registered = ConcurrentHashMap.newKeySet();

  FreshnessMetrics(MeterRegistry registry, CollectionCatalog catalog, StaleDocuments stale) {
    this.registry = registry;
    this.catalog = catalog;
    this.stale = stale;
  }

  /** Records the metrics of a scheduled eval of the collection's active generation. */
  void evaluated(String collection, Map<String, Double> metrics) {
    watch(collection);
    metrics.forEach((metric, value) -> {
      var holder =
          scores.computeIfAbsent(
              collection + "\u0000" + metric,
              key -> {
                var ref = new AtomicReference<>(Double.NaN);
                Gauge.builder("ragops.freshness.eval.score", ref, r -> r.get())
                    .tag("collection", collection)
                    .tag("metric", metric)
                    .description("last scheduled eval score of the active generation")
                    .register(registry);
                return ref;
              });
      holder.set(value);
    });
  }

  /** Records a schedule run whose checks all succeeded. */
  void checked(String collection, Instant at) {
    watch(collection);
    lastSuccess.computeIfAbsent(collection, c -> new AtomicReference<>()).set(at);
  }

  /** Registers the per-collection gauges once. */
  void watch(String collection) {
    if (!registered.add(collection)) {
      return;
    }
    var success = lastSuccess.computeIfAbsent(collection, c -> new AtomicReference<>());
    gauge(
        "ragops.freshness.stale.documents",
        collection,
        "documents a freshness check found stale",
        () -> (double) stale.count(collection));
    gauge(
        "ragops.freshness.active.generation",
        collection,
        "the index generation searches read",
        () -> (double) catalog.requireActiveGeneration(collection));
    gauge(
        "ragops.freshness.last.success.age.seconds",
        collection,
        "seconds since the last schedule run whose checks all succeeded",
        () -> {
          Instant at = success.get();
          return at == null
              ? Double.NaN
              : (Instant.now().toEpochMilli() - at.toEpochMilli()) / 1000.0;
        });
  }

  private void gauge(String name, String collection, String description, Supplier<Double> value) {
    Gauge.builder(
            name,
            value,
            supplier -> {
              try {
                return supplier.get();
              } catch (RuntimeException gone) {
                return Double.NaN; // the collection was deleted
              }
            })
        .tag("collection", collection)
        .description(description)
        .strongReference(true) // the supplier lives only here
        .register(registry);
  }
}
