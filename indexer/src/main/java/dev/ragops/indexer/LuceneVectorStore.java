package dev.ragops.indexer;

import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.VectorStore;
import java.util.List;

/** Nearest-neighbour search over the HNSW vectors of a {@link LuceneIndex} (embedded mode). */
public final class LuceneVectorStore implements VectorStore {

  private final LuceneIndex index;

  /**
   * @throws IllegalArgumentException if {@code index} was opened without vectors
   */
  public LuceneVectorStore(LuceneIndex index) {
    if (!index.storesVectors()) {
      throw new IllegalArgumentException("the Lucene index was opened without vectors");
    }
    this.index = index;
  }

  /** See {@link LuceneIndex#nearest}: cosine similarity of unit-length vectors. */
  @Override
  public List<ScoredChunk> nearest(SearchScope scope, float[] vector, int k) {
    return index.nearest(scope, vector, k);
  }
}
