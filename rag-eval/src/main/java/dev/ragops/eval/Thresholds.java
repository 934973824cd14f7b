package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What "not worse" means for a collection, per metric: an absolute {@code floor} and a {@code
 * maxDrop} against the baseline run. Pure: {@link #breaches} compares two metric maps.
 */
record Thresholds(Map<String, Limit> limits) {

  /** Limits of one metric; either may be null (not checked). */
  @Serdeable
  record Limit(@Nullable Double floor, @Nullable Double maxDrop) {}

  /** One metric outside its limits. */
  @Serdeable
  record Breach(String metric, String rule, double value, @Nullable Double baseline, double limit) {

    String describe() {
      return rule.equals("floor")
          ? "%s %.4f is below the floor %.4f".formatted(metric, value, limit)
          : "%s dropped %.4f (%.4f -> %.4f), more than maxDrop %.4f"
              .formatted(metric, baseline - value, baseline, value, limit);
    }
  }

  Thresholds {
    limits = Map.copyOf(limits);
  }

  /**
   * Checks a request's thresholds, naming the field of the first bad one.
   *
   * @throws IllegalArgumentException for a negative or non-finite limit, or a metric with neither
   */
  static Thresholds of(@Nullable Map<String, Limit> given, double defaultMaxDrop) {
    if (given == null || given.isEmpty()) {
      return new Thresholds(Map.of("ndcg@10", new Limit(null, defaultMaxDrop)));
    }
    Map<String, Limit> checked = new LinkedHashMap<>();
    given.forEach((metric, limit) -> {
      if (limit == null || (limit.floor() == null && limit.maxDrop() == null)) {
        throw new IllegalArgumentException("thresholds." + metric + " needs a floor or a maxDrop");
      }
      check("thresholds." + metric + ".floor", limit.floor());
      check("thresholds." + metric + ".maxDrop", limit.maxDrop());
      checked.put(metric, limit);
    });
    return new Thresholds(checked);
  }

  private static void check(String field, @Nullable Double value) {
    if (value != null && (!Double.isFinite(value) || value < 0)) {
      throw new IllegalArgumentException(field + " must be a number >= 0, got " + value);
    }
  }

  /**
   * The metrics of {@code candidate} outside their limits: below a floor, or more than maxDrop
   * below {@code baseline} (skipped when there is no baseline value). A metric missing from the
   * candidate is a breach of its floor (value 0).
   */
  List<Breach> breaches(Map<String, Double> candidate, @Nullable Map<String, Double> baseline) {
    List<Breach> breaches = new ArrayList<>();
    limits.forEach((metric, limit) -> {
      double value = candidate.getOrDefault(metric, 0.0);
      if (limit.floor() != null && value < limit.floor()) {
        breaches.add(new Breach(metric, "floor", value, null, limit.floor()));
      }
      Double before = baseline == null ? null : baseline.get(metric);
      if (limit.maxDrop() != null && before != null && before - value > limit.maxDrop() + 1e-12) {
        breaches.add(new Breach(metric, "maxDrop", value, before, limit.maxDrop()));
      }
    });
    return breaches;
  }

  /** As a JSON-ready map. */
  Map<String, Object> asMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    limits.forEach((metric, limit) -> {
      Map<String, Object> entry = new LinkedHashMap<>();
      if (limit.floor() != null) {
        entry.put("floor", limit.floor());
      }
      if (limit.maxDrop() != null) {
        entry.put("maxDrop", limit.maxDrop());
      }
      map.put(metric, entry);
    });
    return map;
  }
}
