package dev.ragops.model;

/** Which documents a freshness detector found stale (implemented by rag-eval). */
public interface StalenessView {

  /** Whether {@code documentId} of {@code collection} is stale now. */
  boolean isStale(String collection, String documentId);
}
