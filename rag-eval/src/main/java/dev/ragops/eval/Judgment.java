package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import java.util.Objects;

/**
 * A graded relevance judgment of a golden case, with its lineage.
 *
 * @param sourceId the judged document (for a chunk judgment: the chunk's document)
 * @param chunkId the judged chunk, or {@code null} when the whole document is judged
 * @param grade 0 = not relevant, 1 or more = relevant, higher = more relevant
 * @param contentHash the document's content hash when it was judged
 */
record Judgment(String sourceId, @Nullable String chunkId, int grade, String contentHash) {

  /** Highest grade accepted. */
  static final int MAX_GRADE = 10;

  Judgment {
    Objects.requireNonNull(sourceId, "sourceId");
    Objects.requireNonNull(contentHash, "contentHash");
    if (grade < 0 || grade > MAX_GRADE) {
      throw new IllegalArgumentException("grade must be between 0 and " + MAX_GRADE);
    }
  }

  boolean relevant() {
    return grade >= 1;
  }
}
