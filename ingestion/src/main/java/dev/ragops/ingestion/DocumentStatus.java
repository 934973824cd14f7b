package dev.ragops.ingestion;

/** The stages a document passes through; {@code ready} and {@code failed} are final. */
final class DocumentStatus {

  static final String QUEUED = "queued";
  static final String PARSING = "parsing";
  static final String CHUNKING = "chunking";
  static final String EMBEDDING = "embedding";
  static final String INDEXING = "indexing";
  static final String READY = "ready";
  static final String FAILED = "failed";

  private DocumentStatus() {}
}
