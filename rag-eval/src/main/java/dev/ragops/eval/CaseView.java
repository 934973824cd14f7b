package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A golden case as the API shows it: its judgments, each with its lineage status, and whether any
 * of them is out of date ({@code stale}).
 */
@Serdeable
record CaseView(
    String id,
    String query,
    List<Relevant> relevant,
    @Nullable String referenceAnswer,
    String origin,
    @Nullable String originId,
    boolean stale,
    Instant createdAt,
    Instant confirmedAt) {

  /**
   * One judgment: the document (and chunk), its grade, the content hash it was judged on, and
   * {@code current}, {@code changed} or {@code deleted}.
   */
  @Serdeable
  record Relevant(
      String sourceId, @Nullable String chunkId, int grade, String contentHash, String status) {}

  static CaseView of(GoldenCase golden, Lineage.Snapshot now) {
    return new CaseView(
        golden.id(),
        golden.query(),
        golden.judgments().stream()
            .map(j ->
                new Relevant(j.sourceId(), j.chunkId(), j.grade(), j.contentHash(), now.status(j)))
            .toList(),
        golden.referenceAnswer(),
        golden.origin(),
        golden.originId(),
        now.stale(golden),
        golden.createdAt(),
        golden.confirmedAt());
  }
}
