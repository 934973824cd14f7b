package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;

/**
 * One query of a golden set with its judgments.
 *
 * @param origin {@code manual}, or {@code query-log} when promoted from a logged search
 * @param originId the logged query's id, for {@code query-log}
 * @param confirmedAt when the judgments were last labelled (created or confirmed)
 */
record GoldenCase(
    String id,
    String query,
    @Nullable String referenceAnswer,
    String origin,
    @Nullable String originId,
    List<Judgment> judgments,
    Instant createdAt,
    Instant confirmedAt) {

  GoldenCase {
    judgments = List.copyOf(judgments);
  }

  /**
   * Whether the case is judged chunk by chunk: every judgment names a chunk. Such a case is scored
   * on the ranked chunks; any other case on the ranked documents, a chunk judgment counting for its
   * document.
   */
  boolean byChunk() {
    return judgments.stream().allMatch(j -> j.chunkId() != null);
  }
}
