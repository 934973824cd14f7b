package dev.ragops.model;

import java.util.List;

/** Full-text (BM25) search over chunk text. */
public interface KeywordIndex {

  /** Returns up to {@code k} chunks in {@code scope} matching {@code query}, best first. */
  List<ScoredChunk> search(SearchScope scope, String query, int k);
}
