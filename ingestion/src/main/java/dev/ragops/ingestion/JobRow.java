package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One ingest job: takes one uploaded version of a document through parsing, chunking, embedding and
 * indexing. {@code status} is queued, running, succeeded or failed; {@code stage} is the document
 * stage it reached. The job runs on the job engine (JobRunr); this row is what users see.
 *
 * @param documentVersion the document version this job indexes (null for jobs from before it was
 *     recorded: they index whatever version is current)
 * @param batchId the upload request this job came with, when it brought several documents
 * @param traceparent the W3C trace context of the request that queued the job, when it was traced:
 *     the job's span continues that trace
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
    Instant updatedAt,
    @Nullable Integer documentVersion,
    @Nullable UUID batchId,
    @Nullable String traceparent) {

  static final String QUEUED = "queued";
  static final String RUNNING = "running";
  static final String SUCCEEDED = "succeeded";
  static final String FAILED = "failed";

  /** Whether the job has ended, either way. */
  boolean finished() {
    return status.equals(SUCCEEDED) || status.equals(FAILED);
  }

  /** This job queued to run again from the start, by the request traced as {@code traceparent}. */
  JobRow requeued(@Nullable String traceparent) {
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
        Instant.now(),
        documentVersion,
        batchId,
        traceparent);
  }
}
