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
    return JobView.of(ingestor.job(jobId));
  }
}
