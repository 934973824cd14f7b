package dev.ragops.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jobrunr.jobs.AbstractJob;
import org.jobrunr.jobs.filters.JobClientFilter;
import org.jobrunr.server.BackgroundJobServer;
import org.jobrunr.server.BackgroundJobServerConfiguration;
import org.jobrunr.server.JobActivator;
import org.jobrunr.server.JobActivatorShutdownException;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.utils.mapper.JsonMapper;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * This process's JobRunr background job server, started once the application has started, on roles
 * that run jobs ({@link Role#runsJobs()}). It takes enqueued jobs from the shared database with
 * {@link JobSettings#workers()} threads and renews a lease every poll interval; when a server stops
 * renewing for {@link JobSettings#lease()}, another one runs its unfinished jobs again. Jobs are
 * beans of this application context. JobRunr's dashboard runs here too when enabled.
 */
@Singleton
final class JobServer {

  private static final Logger LOG = LoggerFactory.getLogger(JobServer.class);

  private final JobSettings settings;
  private final StorageProvider storage;
  private final JsonMapper json;
  private final ApplicationContext context;
  private final ExecutorService nudges =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("job-nudge").factory());
  private volatile BackgroundJobServer server;
  private volatile JobDashboard dashboard;
  private boolean stoppedSeen;

  JobServer(
      JobSettings settings, StorageProvider storage, JsonMapper json, ApplicationContext context) {
    this.settings = settings;
    this.storage = storage;
    this.json = json;
    this.context = context;
  }

  @EventListener
  synchronized void start(StartupEvent event) {
    if (settings.dashboardEnabled() && dashboard == null) {
      dashboard = JobDashboard.start(storage, json, settings.dashboardPort());
    }
    if (!settings.role().runsJobs()) {
      LOG.info("Role {}: this process enqueues jobs but runs none", settings.role());
      return;
    }
    if (server != null) {
      return;
    }
    startServer();
  }

  /**
   * Starts a new job server when JobRunr stopped this one by itself (it does after repeated storage
   * failures, e.g. a long database outage), so the process takes jobs again once the database is
   * back. Checked every poll interval.
   */
  @Scheduled(fixedDelay = "${ragops.jobs.poll-interval:5s}", initialDelay = "30s")
  synchronized void keepRunning() {
    var current = server;
    if (current == null || current.isRunning()) {
      stoppedSeen = false;
      return;
    }
    if (!stoppedSeen) {
      stoppedSeen = true; // seen stopped once: not yet started, or stopped; look again next time
      return;
    }
    LOG.warn("The job server {} stopped by itself; starting a new one", current.getId());
    startServer();
    stoppedSeen = false;
  }

  private void startServer() {
    var configuration =
        BackgroundJobServerConfiguration.usingStandardBackgroundJobServerConfiguration()
            .andWorkerCount(settings.workers())
            .andPollInterval(settings.pollInterval())
            .andServerTimeoutPollIntervalMultiplicand(settings.leaseIntervals());
    server = new BackgroundJobServer(storage, json, beans(), configuration);
    server.start();
    LOG.info(
        "Role {}: running jobs with {} workers (poll {}, lease {})",
        settings.role(),
        settings.workers(),
        settings.pollInterval(),
        settings.lease());
  }

  /** Whether this process runs jobs now. */
  boolean running() {
    var current = server;
    return current != null && current.isRunning();
  }

  /** This process's job server id (as JobRunr records it on the jobs it runs), or null. */
  java.util.UUID serverId() {
    var current = server;
    return current == null ? null : current.getId();
  }

  /**
   * A client filter that lets this process's job server look for work as soon as a job is enqueued
   * here, instead of at its next poll. Jobs enqueued on a process that runs no jobs wait for a
   * worker's poll.
   */
  JobClientFilter localStart() {
    return new JobClientFilter() {
      @Override
      public void onCreated(AbstractJob job) {
        var current = server;
        if (current != null && current.isRunning()) {
          nudges.execute(() -> {
            // an idle-worker signal makes JobRunr look for enqueued work now; the counts balance
            var steward = current.getJobSteward();
            steward.notifyThreadOccupied();
            steward.notifyThreadIdle();
          });
        }
      }
    };
  }

  private JobActivator beans() {
    return new JobActivator() {
      @Override
      public <T> T activateJob(Class<T> type) {
        if (!context.isRunning()) {
          throw new JobActivatorShutdownException(
              "the application is stopping", new IllegalStateException(type.getName()));
        }
        return context.getBean(type);
      }
    };
  }

  @PreDestroy
  synchronized void stop() {
    nudges.shutdownNow();
    if (server != null) {
      server.stop();
      server = null;
    }
    if (dashboard != null) {
      dashboard.stop();
      dashboard = null;
    }
  }
}
