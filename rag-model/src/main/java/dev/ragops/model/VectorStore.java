package dev.ragops.model;

import java.util.List;

/** Nearest-neighbour search over chunk embeddings of one collection. */
public interface VectorStore {

  /**
   * Returns up to {@code k} chunks of {@code collection} closest to {@code vector}, best first,
   * scored by cosine similarity.
   */
  List<ScoredChunk> nearest(String collection, float[] vector, int k);
}
