package dev.ragops.model;

import java.util.List;

/** Where ingestion hands finished chunks; the indexer makes them durable and searchable. */
public interface ChunkWriter {

  /**
   * Replaces every chunk of a document with {@code chunks} in one step: searches see either the old
   * chunks or the new ones, never both or neither.
   */
  void replace(String collection, String documentId, List<IndexedChunk> chunks);

  void deleteDocument(String collection, String documentId);

  void deleteCollection(String collection);
}
