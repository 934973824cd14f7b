package dev.ragops.server;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Checks spending against the configured {@link Budget}s: after usage is recorded it updates each
 * touched budget's {@code ragops.budget.used.ratio} gauge and sends an alert ({@link BudgetAlerts})
 * when the spend first reaches {@code alertAt} of the limit, and again when it reaches the limit,
 * once per period across all nodes; before ingestion it tells whether a hard limit is spent.
 */
@Singleton
final class BudgetWatch {

  private final List<Budget> budgets;
  private final UsageTable table;
  private final BudgetAlerts alerts;
  private final Map<String, double[]> ratios = new ConcurrentHashMap<>();

  BudgetWatch(
      List<Budget> budgets,
      UsageTable table,
      BudgetAlerts alerts,
      @Nullable MeterRegistry registry) {
    this.budgets = List.copyOf(budgets);
    this.table = table;
    this.alerts = alerts;
    MeterRegistry meters = registry == null ? new SimpleMeterRegistry() : registry;
    for (Budget budget : this.budgets) {
      double[] ratio = ratios.computeIfAbsent(budget.name(), name -> new double[1]);
      Gauge.builder("ragops.budget.used.ratio", ratio, r -> r[0])
          .description("Share of the budget spent in its current period (last checked)")
          .tag("budget", budget.name())
          .register(meters);
    }
  }

  /** Why ingestion for this collection and key is refused now, if a hard limit is spent. */
  Optional<Refusal> refusal(String collection, @Nullable String key) {
    Instant now = Instant.now();
    for (Budget budget : budgets) {
      if (budget.hardLimit() && budget.covers(collection, key)) {
        double used = used(budget, now);
        if (used >= budget.limit()) {
          Instant end = budget.periodEnd(now);
          return Optional.of(
              new Refusal(
                  budget.describe()
                      + " is spent: "
                      + format(used)
                      + " "
                      + budget.unit()
                      + " used since "
                      + budget.periodStart(now)
                      + "; ingestion is refused until "
                      + end,
                  Duration.between(now, end)));
        }
      }
    }
    return Optional.empty();
  }

  /** A refused ingestion: the message and how long until the period ends. */
  record Refusal(String message, Duration retryAfter) {}

  void afterRecord(String collection, @Nullable String key) {
    Instant now = Instant.now();
    for (Budget budget : budgets) {
      if (!budget.covers(collection, key)) {
        continue;
      }
      double used = used(budget, now);
      double ratio = used / budget.limit();
      String period = budget.periodStart(now).toString();
      if (ratio >= budget.alertAt() && table.markAlerted(budget.name(), period, "threshold")) {
        alerts.send(budget, "threshold", used, period);
      }
      if (ratio >= 1 && table.markAlerted(budget.name(), period, "limit")) {
        alerts.send(budget, "limit", used, period);
      }
    }
  }

  private double used(Budget budget, Instant now) {
    var spent = table.spent(budget, budget.periodStart(now));
    double used = budget.tokens() != null ? spent.tokens() : spent.cost();
    ratios.get(budget.name())[0] = used / budget.limit();
    return used;
  }

  private static String format(double value) {
    return value == Math.rint(value)
        ? String.valueOf((long) value)
        : String.format(Locale.ROOT, "%.4f", value);
  }
}
