package dev.ragops.ingestion;

import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the job engine the jobs it never got: a job is stored in our table first and handed over
 * after commit, so a process that dies in between, or an engine whose database was unreachable at
 * that moment, leaves a queued job with no engine job of its id. Every {@code
 * ragops.ingest.sweep-interval} each process looks for jobs queued longer than {@code
 * ragops.ingest.requeue-after} without one and enqueues them (two processes doing it at once is
 * harmless: the engine keeps one job per id).
 */
@Singleton
final class QueuedJobSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedJobSweeper.class);

  private final JobRepository jobs;
  private final StorageProvider engine;
  private final Ingestor ingestor;
  private final Duration requeueAfter;

  QueuedJobSweeper(
      JobRepository jobs,
      StorageProvider engine,
      Ingestor ingestor,
      @Value("${ragops.ingest.requeue-after:60s}") Duration requeueAfter) {
    this.jobs = jobs;
    this.engine = engine;
    this.ingestor = ingestor;
    this.requeueAfter = requeueAfter;
  }

  @Scheduled(
      fixedDelay = "${ragops.ingest.sweep-interval:15s}",
      initialDelay = "${ragops.ingest.sweep-interval:15s}")
  void sweep() {
    try {
      Instant before = Instant.now().minus(requeueAfter);
      int handed = 0;
      for (JobRow job : jobs.findByStatusInOrderByCreatedAt(List.of(JobRow.QUEUED))) {
        if (job.updatedAt().isBefore(before) && !inEngine(job)) {
          ingestor.enqueue(job.id());
          handed++;
        }
      }
      if (handed > 0) {
        LOG.warn("Handed {} queued ingest jobs to the job engine, which did not have them", handed);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not look for queued ingest jobs, will retry: {}", e.toString());
    }
  }

  private boolean inEngine(JobRow job) {
    try {
      engine.getJobById(job.id());
      return true;
    } catch (JobNotFoundException e) {
      return false;
    }
  }
}
