package dev.ragops.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A linear rerank model over per-hit features, as tuning fits it and search applies it: {@code
 * score = Σ weight[i] · (x[feature[i]] − shift[i]) / scale[i]}. The normalization (shift and scale
 * per feature, typically the training mean and standard deviation) is part of the model, so a
 * stored model scores the same way wherever it is read.
 *
 * <p>Features, by name ({@link #FEATURES}): {@code keywordScore} and {@code vectorScore} (the legs'
 * raw scores, 0 when the leg missed the hit), {@code keywordRank} and {@code vectorRank} (1-based,
 * candidates + 1 when missed), {@code titleMatch} (share of the query's terms in the title, 0–1),
 * {@code ordinal} (the chunk's position in its document) and {@code ageDays} (days since the source
 * was modified, else since the chunk was indexed).
 *
 * @param features the feature names, each once, each one of {@link #FEATURES}
 * @param weights one weight per feature
 * @param shift subtracted from each raw feature
 * @param scale each shifted feature is divided by it; positive
 */
public record LearnedModel(
    List<String> features, List<Double> weights, List<Double> shift, List<Double> scale) {

  /** The features a model may use, in their canonical order. */
  public static final List<String> FEATURES =
      List.of(
          "keywordScore",
          "keywordRank",
          "vectorScore",
          "vectorRank",
          "titleMatch",
          "ordinal",
          "ageDays");

  /** The key under which a collection's defaults carry its model. */
  public static final String DEFAULTS_KEY = "learnedModel";

  /**
   * @throws IllegalArgumentException if the lists differ in length, a feature is unknown or
   *     repeated, a number is not finite or a scale is not positive
   */
  public LearnedModel {
    if (features == null || weights == null || shift == null || scale == null) {
      throw new IllegalArgumentException("learned model needs features, weights, shift and scale");
    }
    features = List.copyOf(features);
    weights = List.copyOf(weights);
    shift = List.copyOf(shift);
    scale = List.copyOf(scale);
    int n = features.size();
    if (n == 0 || weights.size() != n || shift.size() != n || scale.size() != n) {
      throw new IllegalArgumentException(
          "learned model needs one weight, shift and scale per feature");
    }
    if (!FEATURES.containsAll(features) || new HashSet<>(features).size() != n) {
      throw new IllegalArgumentException(
          "learned model features must be distinct names from " + FEATURES + ", got " + features);
    }
    for (int i = 0; i < n; i++) {
      if (!Double.isFinite(weights.get(i))
          || !Double.isFinite(shift.get(i))
          || !Double.isFinite(scale.get(i))
          || scale.get(i) <= 0) {
        throw new IllegalArgumentException(
            "learned model numbers must be finite and scales positive (feature "
                + features.get(i)
                + ")");
      }
    }
  }

  /** The model's score of a hit whose raw features are {@code x} (in {@link #FEATURES} order). */
  public double score(double[] x) {
    if (x.length != FEATURES.size()) {
      throw new IllegalArgumentException("expected " + FEATURES.size() + " features");
    }
    double score = 0;
    for (int i = 0; i < features.size(); i++) {
      double raw = x[FEATURES.indexOf(features.get(i))];
      score += weights.get(i) * (raw - shift.get(i)) / scale.get(i);
    }
    return score;
  }

  /** The model as it is stored among a collection's defaults. */
  public Map<String, Object> toMap() {
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("features", features);
    map.put("weights", weights);
    map.put("shift", shift);
    map.put("scale", scale);
    return map;
  }

  /**
   * The model stored as {@link #toMap()} wrote it.
   *
   * @throws IllegalArgumentException if it is not a valid model
   */
  public static LearnedModel fromMap(Map<?, ?> map) {
    return new LearnedModel(
        strings(map.get("features")),
        numbers(map.get("weights")),
        numbers(map.get("shift")),
        numbers(map.get("scale")));
  }

  private static List<String> strings(Object value) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("learned model features must be a list");
    }
    return list.stream().map(String::valueOf).toList();
  }

  private static List<Double> numbers(Object value) {
    if (!(value instanceof List<?> list)) {
      throw new IllegalArgumentException("learned model weights, shift and scale must be lists");
    }
    List<Double> numbers = new ArrayList<>();
    for (Object item : list) {
      if (!(item instanceof Number number)) {
        throw new IllegalArgumentException("learned model numbers must be numbers, got " + item);
      }
      numbers.add(number.doubleValue());
    }
    return numbers;
  }
}
