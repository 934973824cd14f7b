package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * One row of {@code generations}.
 *
 * @param settings the collection settings it is built with, a {@link CollectionSettings} JSON text
 * @param stats counts of its build as a JSON object text
 * @param readySeq the last chunk change its build wrote
 */
record GenerationRow(
    UUID collectionId,
    int generation,
    String status,
    String settings,
    String stats,
    @Nullable String reason,
    long readySeq,
    Instant createdAt,
    Instant updatedAt) {

  static final String BUILDING = "building";
  static final String READY = "ready";
  static final String ACTIVE = "active";
  static final String PREVIOUS = "previous";
  static final String RETIRED = "retired";
  static final String DISCARDED = "discarded";
  static final String FAILED = "failed";

  /** Statuses whose chunks are kept up to date when a document is ingested or deleted. */
  static final List<String> LIVE = List.of(BUILDING, READY, ACTIVE, PREVIOUS);

  GenerationRow with(String status, String stats, @Nullable String reason, long readySeq) {
    return new GenerationRow(
        collectionId,
        generation,
        status,
        settings,
        stats,
        reason,
        readySeq,
        createdAt,
        Instant.now());
  }

  GenerationRow withStatus(String status, @Nullable String reason) {
    return with(status, stats, reason, readySeq);
  }
}
