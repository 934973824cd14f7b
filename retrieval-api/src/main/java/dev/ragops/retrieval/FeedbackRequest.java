package dev.ragops.retrieval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * A user's judgment of one hit of a search: the chunk or the whole document, relevant or not.
 *
 * @param queryId the {@code queryId} the search answered
 * @param chunkId the judged chunk (exactly one of chunkId and documentId)
 * @param documentId the judged document
 * @param comment free text, at most 2000 characters
 */
@Serdeable
record FeedbackRequest(
    @Nullable String queryId,
    @Nullable String chunkId,
    @Nullable String documentId,
    @Nullable Boolean relevant,
    @Nullable String comment) {

  static final int MAX_COMMENT = 2000;

  /** Checks the fields that need no lookup; names the first bad one. */
  void validate() {
    requireUuid(queryId, "queryId");
    if ((chunkId == null) == (documentId == null)) {
      throw new IllegalArgumentException("give exactly one of chunkId and documentId");
    }
    requireUuid(chunkId != null ? chunkId : documentId, chunkId != null ? "chunkId" : "documentId");
    if (relevant == null) {
      throw new IllegalArgumentException("relevant is required: true or false");
    }
    if (comment != null && comment.length() > MAX_COMMENT) {
      throw new IllegalArgumentException("comment must be at most " + MAX_COMMENT + " characters");
    }
  }

  private static void requireUuid(@Nullable String value, String field) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    try {
      java.util.UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          field + " must be an id as the search returned it, got '" + value + "'");
    }
  }
}
