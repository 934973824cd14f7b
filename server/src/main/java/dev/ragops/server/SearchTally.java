package dev.ragops.server;

import dev.ragops.model.UsageEvent;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Search usage added up in memory per collection, API key and model, and written as one {@code
 * usage_events} row per group every {@code ragops.usage.flush-interval} (default 1 s), so a search
 * costs no database write and budgets are checked once per group and flush rather than once per
 * search. A failed write keeps the totals for the next flush; {@code GET /v1/usage} writes them
 * first, and shutdown writes what is left.
 */
@Singleton
final class SearchTally {

  private static final Logger LOG = LoggerFactory.getLogger(SearchTally.class);

  /** The group a search is charged to. */
  record Group(String collection, @Nullable String key, String model) {}

  /** A group's searches since the last flush. */
  record Totals(int searches, long tokens, long computeMillis, double cost) {
    Totals plus(Totals other) {
      return new Totals(
          searches + other.searches,
          tokens + other.tokens,
          computeMillis + other.computeMillis,
          cost + other.cost);
    }
  }

  private final UsageTable table;
  private final BudgetWatch budgets;
  private final Duration interval;
  private final Map<Group, Totals> open = new ConcurrentHashMap<>();
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("usage-tally").factory());

  SearchTally(
      UsageTable table,
      BudgetWatch budgets,
      @Value("${ragops.usage.flush-interval:1s}") Duration interval) {
    if (interval.isNegative() || interval.isZero()) {
      throw new IllegalArgumentException(
          "ragops.usage.flush-interval must be positive, got " + interval);
    }
    this.table = table;
    this.budgets = budgets;
    this.interval = interval;
  }

  @PostConstruct
  void start() {
    flusher.scheduleWithFixedDelay(
        this::flushQuietly, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stop() throws InterruptedException {
    flusher.shutdown();
    flusher.awaitTermination(10, TimeUnit.SECONDS);
    flushQuietly();
  }

  void add(UsageEvent search, @Nullable String key, double cost) {
    open.merge(
        new Group(search.collection(), key, search.model()),
        new Totals(1, search.tokens(), search.computeMillis(), cost),
        Totals::plus);
  }

  /** Writes every group's totals (one row each), then checks the budgets they touch. */
  synchronized void flush() {
    for (Group group : open.keySet()) {
      Totals totals = open.remove(group);
      if (totals == null) {
        continue;
      }
      try {
        table.insert(
            new UsageEvent(
                UsageEvent.Kind.SEARCH,
                group.collection(),
                null,
                group.model(),
                totals.tokens(),
                0,
                0,
                totals.computeMillis()),
            group.key(),
            0,
            totals.searches(),
            totals.cost(),
            0);
      } catch (RuntimeException e) {
        open.merge(group, totals, Totals::plus);
        throw e;
      }
      budgets.afterRecord(group.collection(), group.key());
    }
  }

  private void flushQuietly() {
    try {
      flush();
    } catch (RuntimeException e) {
      LOG.warn("Could not write search usage, kept for the next flush: {}", e.toString());
    }
  }
}
