package dev.ragops.server;

import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * How this process takes part in the job engine ({@code ragops.jobs.*}).
 *
 * @param role this process's role; only {@code all} and {@code worker} run jobs
 * @param workers jobs run at once by this process ({@code ragops.jobs.workers}, by default {@code
 *     ragops.ingest.workers})
 * @param pollInterval how often a job server looks for work and renews its lease (JobRunr's minimum
 *     on a database is 5 s)
 * @param leaseIntervals how many poll intervals a job server may miss before it counts as dead and
 *     its running jobs are run again elsewhere (at least 4)
 * @param dashboardEnabled whether this process serves JobRunr's dashboard
 * @param dashboardPort the dashboard's own HTTP port
 */
record JobSettings(
    Role role,
    int workers,
    Duration pollInterval,
    int leaseIntervals,
    boolean dashboardEnabled,
    int dashboardPort) {

  JobSettings {
    if (workers < 1) {
      throw new IllegalArgumentException("ragops.jobs.workers must be at least 1, got " + workers);
    }
    if (pollInterval.compareTo(Duration.ofSeconds(5)) < 0) {
      throw new IllegalArgumentException(
          "ragops.jobs.poll-interval must be at least 5s (JobRunr's minimum), got " + pollInterval);
    }
    if (leaseIntervals < 4) {
      throw new IllegalArgumentException(
          "ragops.jobs.lease-intervals must be at least 4, got " + leaseIntervals);
    }
  }

  /** How long a silent job server keeps its jobs before another one runs them again. */
  Duration lease() {
    return pollInterval.multipliedBy(leaseIntervals);
  }

  @Factory
  static final class FromConfiguration {

    @Singleton
    JobSettings jobSettings(
        @Value("${ragops.role:all}") String role,
        @Value("${ragops.jobs.workers:0}") int workers,
        @Value("${ragops.ingest.workers:2}") int ingestWorkers,
        @Value("${ragops.jobs.poll-interval:5s}") Duration pollInterval,
        @Value("${ragops.jobs.lease-intervals:4}") int leaseIntervals,
        @Value("${ragops.jobs.dashboard.enabled:false}") boolean dashboardEnabled,
        @Value("${ragops.jobs.dashboard.port:8000}") int dashboardPort) {
      return new JobSettings(
          Role.of(role),
          workers > 0 ? workers : ingestWorkers,
          pollInterval,
          leaseIntervals,
          dashboardEnabled,
          dashboardPort);
    }
  }
}
