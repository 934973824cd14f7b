package dev.ragops.model;

import java.util.List;

/** Nearest-neighbour search over chunk embeddings. */
public interface VectorStore {

  /**
   * Returns up to {@code k} chunks in {@code scope} closest to {@code vector}, best first, scored
   * by cosine similarity.
   */
  List<ScoredChunk> nearest(SearchScope scope, float[] vector, int k);
}
