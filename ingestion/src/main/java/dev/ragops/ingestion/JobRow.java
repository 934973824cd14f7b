package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One ingest job: takes one uploaded version of a document through parsing, chunking, embedding and
 * indexing. {@code status} is queued, running, succeeded or failed; {@code stage} is the document
 * stage it reached.
 */
@MappedEntity("jobs")
record JobRow(
    @Id UUID id,
    UUID collectionId,
    UUID documentId,
    String status,
    String stage,
    int chunksDone,
    int chunksTotal,
    @Nullable String error,
    Instant createdAt,
    Instant updatedAt) {

  static final String QUEUED = "queued";
  static final String RUNNING = "running";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";

  JobRow at(String status, String stage, int chunksDone, int chunksTotal) {
    return new JobRow(
        id,
        collectionId,
        documentId,
        status,
        stage,
        chunksDone,
        chunksTotal,
        null,
        createdAt,
        Instant.now());
  }

  /** This job queued to run again from the start. */
  JobRow requeued() {
    return new JobRow(
        id,
        collectionId,
        documentId,
        QUEUED,
        DocumentStatus.QUEUED,
        0,
        0,
        null,
        createdAt,
        Instant.now());
  }

  JobRow failed(String stage, String error) {
    return new JobRow(
        id,
        collectionId,
        documentId,
        FAILED,
        stage,
        chunksDone,
        chunksTotal,
        error,
        createdAt,
        Instant.now());
  }
}
