package dev.ragops.ingestion;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs ingest jobs on a fixed pool of worker threads ({@code ragops.ingest.workers}). Jobs are
 * persisted before they are dispatched, and jobs left queued or running by a stopped process are
 * dispatched again at startup, so none is lost.
 */
@Singleton
final class IngestWorkers {

  private static final Logger LOG = LoggerFactory.getLogger(IngestWorkers.class);

  private final IngestPipeline pipeline;
  private final JobRepository jobs;
  private final ExecutorService executor;

  IngestWorkers(
      IngestPipeline pipeline,
      JobRepository jobs,
      @Value("${ragops.ingest.workers:2}") int workers) {
    if (workers < 1) {
      throw new IllegalArgumentException(
          "ragops.ingest.workers must be at least 1, got " + workers);
    }
    this.pipeline = pipeline;
    this.jobs = jobs;
    this.executor =
        Executors.newFixedThreadPool(workers, Thread.ofPlatform().name("ingest-", 1).factory());
  }

  void dispatch(UUID jobId) {
    executor.execute(() -> pipeline.run(jobId));
  }

  @EventListener
  void resumeUnfinished(StartupEvent event) {
    var unfinished = jobs.findByStatusInOrderByCreatedAt(List.of(JobRow.QUEUED, JobRow.RUNNING));
    if (!unfinished.isEmpty()) {
      LOG.info("Resuming {} unfinished ingest jobs", unfinished.size());
    }
    unfinished.forEach(job -> dispatch(job.id()));
  }

  @PreDestroy
  void stop() throws InterruptedException {
    executor.shutdownNow();
    executor.awaitTermination(10, TimeUnit.SECONDS);
  }
}
