package dev.ragops.eval;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fires schedules on their cron ticks, exactly once per tick across every node that shares the
 * database: each node polls every {@code ragops.freshness.tick-interval}, works out the latest due
 * tick of each active schedule (after the last claimed one), and runs it only if its insert into
 * {@code schedule_ticks} wins the primary key. Ticks missed while no node ran collapse into one.
 * {@code ragops.freshness.scheduler.enabled: false} turns polling off on a node.
 */
@Singleton
@Requires(property = "ragops.freshness.scheduler.enabled", notEquals = "false")
class ScheduleTicker {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleTicker.class);

  private final ScheduleStore store;
  private final ScheduleRunner runner;
  private final String node;
  private final Set<UUID> running = ConcurrentHashMap.newKeySet();
  private final ExecutorService executor =
      Executors.newFixedThreadPool(2, Thread.ofPlatform().name("schedule-", 1).factory());

  ScheduleTicker(
      ScheduleStore store, ScheduleRunner runner, @Value("${ragops.node-id:}") String node) {
    this.store = store;
    this.runner = runner;
    this.node = node == null || node.isBlank() ? "node-" + UUID.randomUUID() : node;
  }

  @Scheduled(
      fixedDelay = "${ragops.freshness.tick-interval:1s}",
      initialDelay = "${ragops.freshness.tick-interval:1s}")
  void poll() {
    try {
      Instant now = Instant.now();
      for (Schedule schedule : store.list(null)) {
        if (schedule.paused() || running.contains(schedule.id())) {
          continue;
        }
        Instant since = store.lastTick(schedule.id()).orElse(schedule.createdAt());
        Instant due = schedule.dueTick(since, now);
        if (due == null) {
          continue;
        }
        try {
          store.claim(schedule.id(), due, node);
        } catch (ScheduleStore.TickTaken taken) {
          continue;
        }
        running.add(schedule.id());
        executor.execute(() -> {
          try {
            runner.run(schedule, due, node);
          } catch (RuntimeException e) {
            LOG.warn("Schedule {} tick {} failed: {}", schedule.id(), due, e.toString());
          } finally {
            running.remove(schedule.id());
          }
        });
      }
    } catch (RuntimeException e) {
      LOG.warn("Schedule polling failed, will retry: {}", e.toString());
    }
  }

  @PreDestroy
  void stop() {
    executor.shutdownNow();
  }
}
