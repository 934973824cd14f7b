package dev.ragops.model;

import java.util.List;
import java.util.Map;

/**
 * The stored chunks of each index generation, as a reindex needs them (implemented by the indexer).
 * Writes go through {@link ChunkWriter}.
 */
public interface GenerationStore {

  /** What one document has in one generation: its version, fingerprint and chunk count. */
  record StoredDocument(
      String documentId, int documentVersion, Fingerprint fingerprint, int chunks) {}

  /** The document's chunks in {@code generation}, with their vectors, in ordinal order. */
  List<IndexedChunk> chunks(String documentId, int generation);

  /**
   * Every document that has chunks in the collection's {@code generation}, by document id. A
   * document whose chunks there are of several versions reports the oldest.
   */
  Map<String, StoredDocument> documents(String collection, int generation);

  /**
   * Deletes every chunk of the collection's {@code generation} from the database and, through the
   * change sequence, from every node's index. Returns the number of chunks deleted.
   */
  long deleteGeneration(String collection, int generation);

  /** The sequence number of the last chunk change written to the database, 0 if none. */
  long lastChange();

  /** Whether this node's indexes have applied every change up to {@code seq}. */
  boolean applied(long seq);
}
