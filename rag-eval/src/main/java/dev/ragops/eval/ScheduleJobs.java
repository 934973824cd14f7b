package dev.ragops.eval;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.scheduling.cron.CronExpression;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.UUID;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps one JobRunr recurring job per active schedule (id = the schedule's id, cron in UTC), so the
 * job engine fires each tick once across every node sharing the database. Registered on create and
 * resume, removed on pause and delete, and re-registered for every active schedule at startup.
 */
@Singleton
class ScheduleJobs {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleJobs.class);

  private final JobScheduler scheduler;
  private final ScheduleStore store;
  private final Duration pollInterval;

  ScheduleJobs(
      JobScheduler scheduler,
      ScheduleStore store,
      @Value("${ragops.jobs.poll-interval:5s}") Duration pollInterval) {
    this.scheduler = scheduler;
    this.store = store;
    this.pollInterval = pollInterval;
  }

  /**
   * Checks that the schedule's ticks are at least two job-engine poll intervals apart, so each run
   * can tell which tick it is.
   *
   * @throws IllegalArgumentException naming {@code cron} otherwise
   */
  void checkInterval(Schedule schedule) {
    var expression = CronExpression.create(schedule.cron());
    var tick = expression.nextTimeAfter(ZonedDateTime.now(ZoneOffset.UTC));
    for (int i = 0; i < 50 && tick != null; i++) {
      var next = expression.nextTimeAfter(tick);
      if (next != null
          && Duration.between(tick, next).compareTo(pollInterval.multipliedBy(2)) < 0) {
        throw new IllegalArgumentException(
            "cron '"
                + schedule.cron()
                + "' ticks more often than every "
                + pollInterval.multipliedBy(2).toSeconds()
                + "s (twice ragops.jobs.poll-interval)");
      }
      tick = next;
    }
  }

  void register(Schedule schedule) {
    UUID id = schedule.id();
    scheduler.<ScheduleJob>scheduleRecurrently(
        id.toString(), schedule.cron(), ZoneOffset.UTC, job -> job.tick(id, JobContext.Null));
  }

  void unregister(UUID id) {
    scheduler.deleteRecurringJob(id.toString());
  }

  @EventListener
  void registerActive(StartupEvent event) {
    try {
      for (Schedule schedule : store.list(null)) {
        if (schedule.paused()) {
          unregister(schedule.id());
        } else {
          register(schedule);
        }
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not register the freshness schedules with the job engine: {}", e.toString());
    }
  }
}
