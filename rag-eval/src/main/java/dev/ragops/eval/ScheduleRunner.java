package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one schedule once: its checks in the order sources, drift, ttl, eval (each written to the
 * timeline), then, when one found a regression, reindexes through the quality gate ({@code
 * onRegression: reindex}, for regressions a rebuild addresses) or alerts.
 */
@Singleton
class ScheduleRunner {

  private static final Logger LOG = LoggerFactory.getLogger(ScheduleRunner.class);

  /** What one run did. */
  @io.micronaut.serde.annotation.Serdeable
  record Report(
      String schedule,
      @Nullable Instant tick,
      String node,
      List<Map<String, Object>> findings,
      String action,
      @Nullable Map<String, Object> reindex) {}

  private final Map<String, FreshnessCheck> checks = new LinkedHashMap<>();
  private final ScheduleStore store;
  private final FreshnessEvents events;
  private final Reindexer reindexer;
  private final Alerts alerts;
  private final FreshnessMetrics metrics;

  ScheduleRunner(
      List<FreshnessCheck> checks,
      ScheduleStore store,
      FreshnessEvents events,
      Reindexer reindexer,
      Alerts alerts,
      FreshnessMetrics metrics) {
    for (String name : Schedule.CHECKS) {
      checks.stream()
          .filter(c -> c.name().equals(name))
          .findFirst()
          .ifPresent(c -> this.checks.put(name, c));
    }
    this.store = store;
    this.events = events;
    this.reindexer = reindexer;
    this.alerts = alerts;
    this.metrics = metrics;
  }

  Report run(Schedule schedule, @Nullable Instant tick, String node) {
    metrics.watch(schedule.collection());
    List<FreshnessCheck.Finding> findings = new ArrayList<>();
    List<Map<String, Object>> findingViews = new ArrayList<>();
    boolean allSucceeded = true;
    for (var entry : checks.entrySet()) {
      if (!schedule.checks().contains(entry.getKey())) {
        continue;
      }
      FreshnessCheck.Finding finding;
      try {
        finding = entry.getValue().run(schedule);
      } catch (RuntimeException e) {
        LOG.warn("Check {} of schedule {} failed: {}", entry.getKey(), schedule.id(), e.toString());
        allSucceeded = false;
        finding =
            new FreshnessCheck.Finding(
                entry.getKey(),
                false,
                false,
                entry.getKey() + ": the check failed: " + e.getMessage(),
                Map.of("error", String.valueOf(e.getMessage())));
      }
      findings.add(finding);
      Map<String, Object> details = new LinkedHashMap<>(finding.details());
      details.put("check", finding.check());
      details.put("regression", finding.regression());
      details.put("schedule", schedule.id().toString());
      details.put("node", node);
      if (tick != null) {
        details.put("tick", tick.toString());
      }
      events.record(
          schedule.collection(),
          finding.check().equals("eval") ? "eval" : "detection",
          finding.summary(),
          details);
      findingViews.add(details);
    }
    var regressions = findings.stream().filter(FreshnessCheck.Finding::regression).toList();
    String action = "none";
    Map<String, Object> reindex = null;
    if (!regressions.isEmpty()) {
      String cause =
          String.join("; ", regressions.stream().map(FreshnessCheck.Finding::summary).toList());
      boolean rebuild =
          schedule.onRegression().equals("reindex")
              && regressions.stream().anyMatch(FreshnessCheck.Finding::reindexHelps);
      if (rebuild) {
        action = "reindex";
        try {
          var plan =
              new Reindexer.Plan(
                  Map.of(),
                  schedule.dataset(),
                  schedule.thresholds(),
                  schedule.dataset() == null ? "auto" : "gate",
                  "schedule " + schedule.id() + ": " + cause);
          var outcome = reindexer.run(schedule.collection(), plan, schedule.webhookUrl());
          reindex = new LinkedHashMap<>();
          reindex.put("generation", outcome.generation().generation());
          reindex.put("result", outcome.result());
          if (outcome.verdict() != null) {
            reindex.put("passed", outcome.verdict().passed());
            reindex.put("baselineRun", outcome.verdict().baseline().runId());
            reindex.put("candidateRun", outcome.verdict().candidate().runId());
          }
        } catch (RuntimeException e) {
          allSucceeded = false;
          alerts.alert(
              schedule.collection(),
              schedule.webhookUrl(),
              "reindex after a regression failed: " + e.getMessage(),
              Map.of("cause", cause, "schedule", schedule.id().toString()));
          reindex = Map.of("result", "failed", "reason", String.valueOf(e.getMessage()));
        }
      } else {
        action = "alert";
        alerts.alert(
            schedule.collection(),
            schedule.webhookUrl(),
            "regression: " + cause,
            Map.of("schedule", schedule.id().toString(), "checks", findingViews));
      }
    }
    Instant finished = Instant.now();
    store.ran(schedule.id(), finished, allSucceeded);
    if (allSucceeded) {
      metrics.checked(schedule.collection(), finished);
    }
    return new Report(schedule.id().toString(), tick, node, findingViews, action, reindex);
  }
}
