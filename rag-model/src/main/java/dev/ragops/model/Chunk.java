package dev.ragops.model;

import java.util.Map;
import java.util.Objects;

/**
 * A searchable passage of one document version.
 *
 * @param id stable chunk id (UUID text)
 * @param documentId the owning document
 * @param collection the owning collection's name
 * @param sourceId the document's identity inside its collection (file name by default)
 * @param title the document title, empty when unknown
 * @param ordinal position of the chunk inside its document, from 0
 * @param text the passage text
 * @param startOffset first character of the passage in the extracted document text
 * @param endOffset one past the last character of the passage in the extracted text
 * @param metadata the document's user metadata (JSON-compatible values)
 */
public record Chunk(
    String id,
    String documentId,
    String collection,
    String sourceId,
    String title,
    int ordinal,
    String text,
    int startOffset,
    int endOffset,
    Map<String, Object> metadata) {

  public Chunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    if (startOffset < 0 || endOffset < startOffset) {
      throw new IllegalArgumentException(
          "chunk offsets must satisfy 0 <= start <= end, got " + startOffset + ".." + endOffset);
    }
  }
}
