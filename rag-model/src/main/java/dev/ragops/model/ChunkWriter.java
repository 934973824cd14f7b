package dev.ragops.model;

import java.util.List;

/** Where ingestion hands finished chunks; the indexer makes them durable and searchable. */
public interface ChunkWriter {

  /**
   * Replaces every chunk of a document in {@code generation} with {@code chunks} in one step:
   * searches see either the old chunks or the new ones, never both or neither. When this returns,
   * the new chunks are durable and searchable on this node.
   */
  void replace(
      String collection,
      String documentId,
      int generation,
      Fingerprint fingerprint,
      List<IndexedChunk> chunks);

  /**
   * Makes searches see the document's current metadata (and title), which changed without its
   * chunks changing. When this returns, searches on this node see it.
   */
  void refresh(String collection, String documentId);

  /** Removes the document's chunks from every generation. */
  void deleteDocument(String collection, String documentId);

  void deleteCollection(String collection);
}
