package dev.ragops.model;

import java.util.Collection;
import java.util.Map;
import java.util.Objects;

/**
 * Looks up a collection's documents and chunks as they are now, for lineage (has a judged document
 * changed since it was judged?) and for resolving chunk ids to their text. Ids that do not exist
 * (or are not ids at all) are simply absent from the results.
 */
public interface DocumentCatalog {

  /** The current content hash (SHA-256, hex) of each of {@code sourceIds} that exists. */
  Map<String, String> contentHashes(String collection, Collection<String> sourceIds);

  /** The documents' source ids, by document id, for each of {@code documentIds} that exists. */
  Map<String, String> sourceIds(String collection, Collection<String> documentIds);

  /** Each of {@code chunkIds} that exists (in any generation), by chunk id. */
  Map<String, StoredChunk> chunks(String collection, Collection<String> chunkIds);

  /** A stored chunk with its document's identity and current content hash. */
  record StoredChunk(
      String chunkId, String documentId, String sourceId, String contentHash, String text) {

    public StoredChunk {
      Objects.requireNonNull(chunkId, "chunkId");
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(sourceId, "sourceId");
      Objects.requireNonNull(contentHash, "contentHash");
      Objects.requireNonNull(text, "text");
    }
  }
}
