package dev.ragops.retrieval;

import dev.ragops.model.ScoredChunk;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reciprocal rank fusion (Cormack, Clarke and Büttcher, SIGIR 2009): a chunk's fused score is
 * {@code sum over legs of 1 / (k + rank)}, where {@code rank} is its 1-based position in that leg
 * and legs that did not return it contribute nothing. {@code k} damps the weight of the top ranks;
 * the usual value, and the default, is 60. Only ranks matter, so legs with incomparable scores
 * (BM25, cosine) fuse without normalization. Scores accumulate in {@code double}; ties are broken
 * by chunk id, so the output is deterministic.
 */
final class ReciprocalRankFusion implements Fusion {

  static final int DEFAULT_K = 60;

  private final int k;

  ReciprocalRankFusion(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("RRF k must be at least 1, got " + k);
    }
    this.k = k;
  }

  @Override
  public List<FusedHit> fuse(List<ScoredChunk> keyword, List<ScoredChunk> vector) {
    Map<String, FusedHit> fused = new LinkedHashMap<>();
    for (int i = 0; i < keyword.size(); i++) {
      var hit = keyword.get(i);
      int rank = i + 1;
      fused.merge(
          hit.id(),
          new FusedHit(hit.chunk(), 1.0 / (k + rank), hit.score(), rank, null, null),
          FusedHit::plus);
    }
    for (int i = 0; i < vector.size(); i++) {
      var hit = vector.get(i);
      int rank = i + 1;
      fused.merge(
          hit.id(),
          new FusedHit(hit.chunk(), 1.0 / (k + rank), null, null, hit.score(), rank),
          FusedHit::plus);
    }
    List<FusedHit> ranked = new ArrayList<>(fused.values());
    ranked.sort(
        Comparator.comparingDouble(FusedHit::fused)
            .reversed()
            .thenComparing(hit -> hit.chunk().id()));
    return ranked;
  }
}
