package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * An ingest job as the API shows it. {@code batch} sums up the jobs of the same upload request when
 * it brought several documents, and is null otherwise.
 */
@Serdeable
record JobView(
    String jobId,
    String documentId,
    String status,
    Progress progress,
    @Nullable String error,
    Instant createdAt,
    Instant updatedAt,
    @Nullable Batch batch) {

  /** Where the job is: the document stage reached and chunks embedded so far. */
  @Serdeable
  record Progress(String stage, int chunksDone, int chunksTotal) {}

  /** Where the jobs of one upload request are: documents ended, and chunks embedded. */
  @Serdeable
  record Batch(
      String batchId,
      long documentsDone,
      long documentsTotal,
      long documentsFailed,
      long chunksDone,
      long chunksTotal) {}

  static JobView of(JobRow job, @Nullable BatchProgress batch) {
    return new JobView(
        job.id().toString(),
        job.documentId().toString(),
        job.status(),
        new Progress(job.stage(), job.chunksDone(), job.chunksTotal()),
        job.error(),
        job.createdAt(),
        job.updatedAt(),
        batch == null
            ? null
            : new Batch(
                job.batchId().toString(),
                batch.documentsDone(),
                batch.documentsTotal(),
                batch.documentsFailed(),
                batch.chunksDone(),
                batch.chunksTotal()));
  }
}
