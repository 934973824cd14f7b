package dev.ragops.retrieval;

import dev.ragops.model.Reranker;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Re-scores the first {@code topN} fused hits with a {@link Reranker} (a cross-encoder or a second
 * bi-encoder) and orders them by that score; hits below {@code topN} keep their fused order after
 * them. Ties keep the fused order.
 */
final class ModelRerank {

  private final Reranker reranker;

  ModelRerank(Reranker reranker) {
    this.reranker = reranker;
  }

  List<FusedHit> rerank(String query, List<FusedHit> hits, int topN) {
    int n = Math.min(topN, hits.size());
    if (n == 0) {
      return hits;
    }
    double[] scores =
        reranker.score(query, hits.subList(0, n).stream().map(hit -> hit.chunk().text()).toList());
    List<FusedHit> head = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      head.add(hits.get(i).reranked(scores[i]));
    }
    head.sort(Comparator.comparingDouble(FusedHit::rerankScore).reversed());
    List<FusedHit> reranked = new ArrayList<>(hits.size());
    reranked.addAll(head);
    reranked.addAll(hits.subList(n, hits.size()));
    return reranked;
  }
}
