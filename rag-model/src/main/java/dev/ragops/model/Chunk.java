package dev.ragops.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

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
 * @param metadata the document's metadata (JSON-compatible values)
 * @param headingPath the headings above the passage, outermost first, joined by {@code " > "};
 *     empty when the format has none
 * @param page the 1-based page the passage starts on, 0 when the format has no pages
 * @param documentVersion the document version the passage was cut from, from 1
 * @param generation the index generation the chunk belongs to, from 1
 * @param indexedAt when the chunk was stored; {@code null} before it is
 * @param flags what the ingest content scan found in the passage, e.g. {@code pii:email} or {@code
 *     injection:instruction}, sorted; empty when nothing was found or scanning is off
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
    Map<String, Object> metadata,
    String headingPath,
    int page,
    int documentVersion,
    int generation,
    Instant indexedAt,
    List<String> flags) {

  public Chunk {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(documentId, "documentId");
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(text, "text");
    title = title == null ? "" : title;
    headingPath = headingPath == null ? "" : headingPath;
    metadata = metadata == null ? Map.of() : Map.copyOf(metadata);
    flags = flags == null ? List.of() : List.copyOf(new TreeSet<>(flags));
    if (startOffset < 0 || endOffset < startOffset) {
      throw new IllegalArgumentException(
          "chunk offsets must satisfy 0 <= start <= end, got " + startOffset + ".." + endOffset);
    }
    if (page < 0 || documentVersion < 1 || generation < 1) {
      throw new IllegalArgumentException(
          "page must be >= 0 and documentVersion, generation >= 1, got "
              + page
              + ", "
              + documentVersion
              + ", "
              + generation);
    }
  }

  /** A chunk of the first version of a document in generation 1, with no heading or page. */
  public Chunk(
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
    this(
        id,
        documentId,
        collection,
        sourceId,
        title,
        ordinal,
        text,
        startOffset,
        endOffset,
        metadata,
        "",
        0,
        1,
        1,
        null,
        List.of());
  }

  /** This chunk as stored at {@code instant}. */
  public Chunk indexedAt(Instant instant) {
    return new Chunk(
        id,
        documentId,
        collection,
        sourceId,
        title,
        ordinal,
        text,
        startOffset,
        endOffset,
        metadata,
        headingPath,
        page,
        documentVersion,
        generation,
        instant,
        flags);
  }
}
