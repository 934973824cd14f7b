package dev.ragops.ingestion;

import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;

@Controller("/v1/jobs")
class JobController {

  private final Ingestor ingestor;

  JobController(Ingestor ingestor) {
    this.ingestor = ingestor;
  }

  @Get("/{jobId}")
  JobView get(String jobId) {
    var job = ingestor.job(jobId);
    return JobView.of(job, job.batchId() == null ? null : ingestor.batch(job.batchId()));
  }
}
