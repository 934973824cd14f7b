package dev.ragops.retrieval;

import dev.ragops.model.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * Maximal marginal relevance (Carbonell and Goldstein, SIGIR 1998): picks hits one at a time, each
 * maximizing {@code lambda * relevance - (1 - lambda) * (max cosine similarity to the hits already
 * picked)}. Relevance is the fused score min-max normalized over the candidates, so both terms lie
 * in [0, 1]; {@code lambda = 1} keeps the fused order, {@code 0} maximizes diversity. Chunk vectors
 * come from the embedder, whose cache already holds every indexed chunk's text.
 */
final class MaximalMarginalRelevance {

  private final Embedder embedder;

  MaximalMarginalRelevance(Embedder embedder) {
    this.embedder = embedder;
  }

  /** The first {@code n} candidates in MMR order, each with its MMR score as rerank score. */
  List<FusedHit> rerank(List<FusedHit> candidates, double lambda, int n) {
    if (lambda < 0 || lambda > 1) {
      throw new IllegalArgumentException("mmr lambda must be in [0, 1], got " + lambda);
    }
    if (candidates.size() <= 1) {
      return candidates;
    }
    List<float[]> vectors =
        embedder.embedDocuments(candidates.stream().map(hit -> hit.chunk().text()).toList());
    double[] relevance = minMax(candidates);
    boolean[] picked = new boolean[candidates.size()];
    double[] maxSimilarity = new double[candidates.size()];
    List<FusedHit> order = new ArrayList<>();
    while (order.size() < Math.min(n, candidates.size())) {
      int best = -1;
      double bestScore = Double.NEGATIVE_INFINITY;
      for (int i = 0; i < candidates.size(); i++) {
        if (picked[i]) {
          continue;
        }
        double score =
            lambda * relevance[i] - (1 - lambda) * (order.isEmpty() ? 0 : maxSimilarity[i]);
        if (score > bestScore) {
          bestScore = score;
          best = i;
        }
      }
      picked[best] = true;
      order.add(candidates.get(best).reranked(bestScore));
      for (int i = 0; i < candidates.size(); i++) {
        if (!picked[i]) {
          maxSimilarity[i] = Math.max(maxSimilarity[i], dot(vectors.get(i), vectors.get(best)));
        }
      }
    }
    return order;
  }

  private static double[] minMax(List<FusedHit> hits) {
    double min = hits.stream().mapToDouble(FusedHit::fused).min().orElse(0);
    double max = hits.stream().mapToDouble(FusedHit::fused).max().orElse(0);
    return hits.stream()
        .mapToDouble(hit -> max == min ? 1 : (hit.fused() - min) / (max - min))
        .toArray();
  }

  /** Cosine similarity of unit vectors. */
  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }
}
