package dev.ragops.eval;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jobrunr.jobs.context.JobContext;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The job engine's entry point for schedules (public because JobRunr calls it by reflection): each
 * schedule is a JobRunr recurring job whose every run lands here on one worker. The tick it runs is
 * the latest cron time up to one poll interval ahead (JobRunr may start a run that much early) and
 * is claimed in {@code schedule_ticks} first, so a tick never runs twice even if the engine re-runs
 * a job whose worker died.
 */
@Singleton
public class ScheduleJob {

  /** A run this late after its tick (all workers busy) is skipped; the next tick runs. */
  private static final Duration LATEST = Duration.ofHours(1);

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleJob.class);

  private final ScheduleStore store;
  private final ScheduleRunner runner;
  private final JobScheduler scheduler;
  private final Duration pollInterval;
  private final String node;

  ScheduleJob(
      ScheduleStore store,
      ScheduleRunner runner,
      JobScheduler scheduler,
      @Value("${ragops.jobs.poll-interval:5s}") Duration pollInterval,
      @Value("${ragops.node-id:}") String node) {
    this.store = store;
    this.runner = runner;
    this.scheduler = scheduler;
    this.pollInterval = pollInterval;
    this.node = node == null || node.isBlank() ? "node-" + UUID.randomUUID() : node;
  }

  /** Runs the due tick of schedule {@code scheduleId}, unless it is paused, gone or already run. */
  public void tick(UUID scheduleId, JobContext job) {
    var schedule = store.find(scheduleId).orElse(null);
    if (schedule == null) {
      scheduler.deleteRecurringJob(scheduleId.toString()); // its collection was deleted
      return;
    }
    if (schedule.paused()) {
      return;
    }
    Instant now = Instant.now();
    Instant tick = schedule.dueTick(now.minus(LATEST), now.plus(pollInterval));
    if (tick == null) {
      LOG.warn(
          "Schedule {} ran at {}, more than {} after any tick: skipped", scheduleId, now, LATEST);
      return;
    }
    try {
      store.claim(scheduleId, tick, node);
    } catch (ScheduleStore.TickTaken taken) {
      return;
    }
    runner.run(schedule, tick, node);
  }
}
