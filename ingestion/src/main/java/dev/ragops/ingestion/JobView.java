package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** An ingest job as the API shows it. */
@Serdeable
record JobView(
    String jobId,
    String documentId,
    String status,
    Progress progress,
    @Nullable String error,
    Instant createdAt,
    Instant updatedAt) {

  /** Where the job is: the document stage reached and chunks embedded so far. */
  @Serdeable
  record Progress(String stage, int chunksDone, int chunksTotal) {}

  static JobView of(JobRow job) {
    return new JobView(
        job.id().toString(),
        job.documentId().toString(),
        job.status(),
        new Progress(job.stage(), job.chunksDone(), job.chunksTotal()),
        job.error(),
        job.createdAt(),
        job.updatedAt());
  }
}
