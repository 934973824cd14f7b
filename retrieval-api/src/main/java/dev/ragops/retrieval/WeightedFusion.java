package dev.ragops.retrieval;

import dev.ragops.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Weighted score fusion: each leg's scores are normalized over that leg's candidates, then {@code
 * fused = wKeyword * keyword + wVector * vector}. A chunk missing from a leg gets that leg's lowest
 * normalized value (0 for min-max). Unlike RRF it uses the scores' magnitudes, so a clear winner in
 * one leg counts for more than a narrow one; the weights say how much each leg is trusted.
 *
 * <ul>
 *   <li>{@code MINMAX}: {@code (s - min) / (max - min)}, in [0, 1]; all equal → 1.
 *   <li>{@code ZSCORE}: {@code (s - mean) / stddev}; all equal → 0.
 * </ul>
 *
 * Ties are broken by chunk id, so the output is deterministic.
 */
final class WeightedFusion implements Fusion {

  enum Normalization {
    MINMAX,
    ZSCORE
  }

  private final double keywordWeight;
  private final double vectorWeight;
  private final Normalization normalization;

  WeightedFusion(double keywordWeight, double vectorWeight, Normalization normalization) {
    if (!(keywordWeight >= 0) || !(vectorWeight >= 0) || keywordWeight + vectorWeight == 0) {
      throw new IllegalArgumentException(
          "weights must be >= 0 and not both 0, got keyword="
              + keywordWeight
              + ", vector="
              + vectorWeight);
    }
    this.keywordWeight = keywordWeight;
    this.vectorWeight = vectorWeight;
    this.normalization = normalization;
  }

  @Override
  public List<FusedHit> fuse(List<ScoredChunk> keyword, List<ScoredChunk> vector) {
    double[] keywordNorm = normalize(keyword);
    double[] vectorNorm = normalize(vector);
    double keywordFloor = floor(keywordNorm);
    double vectorFloor = floor(vectorNorm);
    Map<String, FusedHit> fused = new LinkedHashMap<>();
    for (int i = 0; i < keyword.size(); i++) {
      var hit = keyword.get(i);
      fused.put(
          hit.id(),
          new FusedHit(
              hit.chunk(),
              keywordWeight * keywordNorm[i] + vectorWeight * vectorFloor,
              hit.score(),
              i + 1,
              null,
              null));
    }
    for (int i = 0; i < vector.size(); i++) {
      var hit = vector.get(i);
      double contribution = vectorWeight * vectorNorm[i];
      var existing = fused.get(hit.id());
      fused.put(
          hit.id(),
          existing == null
              ? new FusedHit(
                  hit.chunk(),
                  keywordWeight * keywordFloor + contribution,
                  null,
                  null,
                  hit.score(),
                  i + 1)
              : new FusedHit(
                  hit.chunk(),
                  existing.fused() - vectorWeight * vectorFloor + contribution,
                  existing.keywordScore(),
                  existing.keywordRank(),
                  hit.score(),
                  i + 1));
    }
    List<FusedHit> ranked = new ArrayList<>(fused.values());
    ranked.sort(
        Comparator.comparingDouble(FusedHit::fused)
            .reversed()
            .thenComparing(hit -> hit.chunk().id()));
    return ranked;
  }

  private double[] normalize(List<ScoredChunk> hits) {
    double[] scores = hits.stream().mapToDouble(ScoredChunk::score).toArray();
    if (scores.length == 0) {
      return scores;
    }
    return switch (normalization) {
      case MINMAX -> {
        double min = Arrays.stream(scores).min().orElseThrow();
        double max = Arrays.stream(scores).max().orElseThrow();
        double range = max - min;
        yield Arrays.stream(scores).map(s -> range == 0 ? 1.0 : (s - min) / range).toArray();
      }
      case ZSCORE -> {
        double mean = Arrays.stream(scores).average().orElseThrow();
        double variance =
            Arrays.stream(scores).map(s -> (s - mean) * (s - mean)).average().orElseThrow();
        double deviation = Math.sqrt(variance);
        yield Arrays.stream(scores)
            .map(s -> deviation == 0 ? 0.0 : (s - mean) / deviation)
            .toArray();
      }
    };
  }

  private double floor(double[] normalized) {
    if (normalized.length == 0) {
      return 0;
    }
    return normalization == Normalization.MINMAX
        ? 0
        : Arrays.stream(normalized).min().orElseThrow();
  }
}
