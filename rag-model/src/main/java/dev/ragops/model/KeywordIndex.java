package dev.ragops.model;

import java.util.List;

/** Full-text (BM25) search over chunk text of one collection. */
public interface KeywordIndex {

  /** Returns up to {@code k} chunks of {@code collection} matching {@code query}, best first. */
  List<ScoredChunk> search(String collection, String query, int k);
}
