package dev.ragops.ingestion;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The job engine's entry point for ingestion: JobRunr stores a call of {@link #run(UUID)} with the
 * job's id and makes it on whichever worker takes the job (public because JobRunr calls it by
 * reflection). Running a job twice, e.g. again after its worker died, indexes it once.
 */
@Singleton
public class IngestJob {

  private final IngestPipeline pipeline;

  IngestJob(IngestPipeline pipeline) {
    this.pipeline = pipeline;
  }

  /** Takes the ingest job {@code jobId} to its end; does nothing when it has already ended. */
  public void run(UUID jobId) {
    pipeline.run(jobId);
  }
}
