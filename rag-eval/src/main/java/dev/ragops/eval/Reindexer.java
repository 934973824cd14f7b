package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.IndexGenerations;
import dev.ragops.model.IndexGenerations.Generation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The reindex half of the freshness loop: builds a shadow generation, lets the {@link QualityGate}
 * judge it, then promotes or discards it, writing each step to the timeline. Searches keep reading
 * the active generation until the promotion's single UPDATE.
 */
@Singleton
class Reindexer {

  private static final Logger LOG = LoggerFactory.getLogger(Reindexer.class);

  /**
   * What to build and how to decide.
   *
   * @param settings collection settings to change ({@code chunker}, {@code embedding}); empty keeps
   * @param dataset the golden set the gate scores with; null when {@code promote} is not gate
   * @param promote {@code gate} (promote only if the gate passes), {@code auto} (promote when
   *     built) or {@code manual} (leave it ready)
   * @param cause why, for the timeline
   */
  record Plan(
      Map<String, Object> settings,
      @Nullable String dataset,
      Thresholds thresholds,
      String promote,
      String cause) {}

  /** How a reindex ended: {@code promoted}, {@code discarded}, {@code ready} or {@code failed}. */
  record Outcome(Generation generation, String result, @Nullable QualityGate.GateVerdict verdict) {}

  private final IndexGenerations generations;
  private final CollectionCatalog catalog;
  private final QualityGate gate;
  private final FreshnessEvents events;
  private final Alerts alerts;
  private final JobScheduler jobs;
  private final JsonMapper json;

  Reindexer(
      IndexGenerations generations,
      CollectionCatalog catalog,
      QualityGate gate,
      FreshnessEvents events,
      Alerts alerts,
      JobScheduler jobs,
      JsonMapper json) {
    this.jobs = jobs;
    this.json = json;
    this.generations = generations;
    this.catalog = catalog;
    this.gate = gate;
    this.events = events;
    this.alerts = alerts;
  }

  /**
   * Registers the shadow generation and enqueues its build, judgement and promotion as a job
   * ({@link ReindexJob}), which a worker runs.
   */
  Generation startInBackground(String collection, Plan plan) {
    var started = start(collection, plan);
    int generation = started.generation();
    String thresholds = thresholdsJson(plan.thresholds());
    String dataset = plan.dataset() == null ? "" : plan.dataset(); // the engine stores no nulls
    String promote = plan.promote();
    String cause = plan.cause();
    jobs.<ReindexJob>enqueue(
        job -> job.run(collection, generation, dataset, thresholds, promote, cause));
    return started;
  }

  private String thresholdsJson(Thresholds thresholds) {
    try {
      return json.writeValueAsString(thresholds.asMap());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** Builds, judges and promotes a shadow generation now; returns how it ended. */
  Outcome run(String collection, Plan plan, @Nullable String webhook) {
    var started = start(collection, plan);
    return finish(collection, started.generation(), plan, webhook);
  }

  private Generation start(String collection, Plan plan) {
    if (plan.promote().equals("gate") && plan.dataset() == null) {
      throw new IllegalArgumentException("dataset is required when promote is 'gate'");
    }
    var started = generations.start(collection, plan.settings());
    events.record(
        collection,
        "reindex",
        "started building generation " + started.generation() + ": " + plan.cause(),
        Map.of(
            "generation", started.generation(),
            "cause", plan.cause(),
            "settings", started.settings(),
            "promote", plan.promote()));
    return started;
  }

  /** Builds a started generation, then promotes it as the plan says; a re-run is a no-op. */
  Outcome finish(String collection, int generation, Plan plan, @Nullable String webhook) {
    var current = generations.get(collection, generation);
    if (!current.status().equals("building")) {
      LOG.info("Generation {} of {} is {} already", generation, collection, current.status());
      return new Outcome(current, current.status(), null);
    }
    var built = generations.build(collection, generation);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("generation", generation);
    details.put("status", built.status());
    details.put("stats", built.stats());
    if (built.reason() != null) {
      details.put("reason", built.reason());
    }
    events.record(
        collection,
        "reindex",
        "generation " + generation + " " + built.status() + " " + built.stats(),
        details);
    if (!built.status().equals("ready")) {
      return new Outcome(built, built.status().equals("failed") ? "failed" : built.status(), null);
    }
    switch (plan.promote()) {
      case "manual" -> {
        return new Outcome(built, "ready", null);
      }
      case "auto" -> {
        return new Outcome(
            promote(collection, generation, "built with promote: auto"), "promoted", null);
      }
      default -> {
        int active = active(collection);
        var verdict = gate.judge(collection, plan.dataset(), plan.thresholds(), active, generation);
        events.record(
            collection,
            "verdict",
            (verdict.passed() ? "gate passed" : "gate rejected")
                + " generation "
                + generation
                + " against "
                + active
                + (verdict.passed()
                    ? ""
                    : ": "
                        + String.join(
                            "; ",
                            verdict.breaches().stream().map(Thresholds.Breach::describe).toList())),
            verdict.details(plan.dataset(), plan.thresholds()));
        if (verdict.passed()) {
          var promoted = promote(collection, generation, "gate passed");
          gate.promoted(collection, plan.dataset(), verdict.candidate());
          return new Outcome(promoted, "promoted", verdict);
        }
        // the alert first: once the generation shows as discarded, its whole story is on the
        // timeline
        alerts.alert(
            collection,
            webhook,
            "quality gate rejected generation " + generation,
            verdict.details(plan.dataset(), plan.thresholds()));
        var discarded = generations.discard(collection, generation, "rejected by the quality gate");
        return new Outcome(discarded, "discarded", verdict);
      }
    }
  }

  /** Promotes by hand or after the gate, and writes it to the timeline. */
  Generation promote(String collection, int generation, String why) {
    int before = active(collection);
    var promoted = generations.promote(collection, generation);
    events.record(
        collection,
        "promote",
        "generation " + generation + " is active (was " + before + "): " + why,
        Map.of("generation", generation, "previous", before));
    generations.collectGarbage(collection); // after the switch is on the timeline
    return promoted;
  }

  /** Discards a generation by hand, and writes it to the timeline. */
  Generation discard(String collection, int generation) {
    var discarded = generations.discard(collection, generation, "discarded by hand");
    events.record(
        collection,
        "reindex",
        "generation " + generation + " discarded by hand",
        Map.of("generation", generation, "status", discarded.status()));
    return discarded;
  }

  /** Rolls the active generation back to the previous one, and writes it to the timeline. */
  Generation rollback(String collection, int generation) {
    int active = active(collection);
    if (active != generation) {
      throw new dev.ragops.model.ConflictException(
          "generation " + generation + " is not active (generation " + active + " is)");
    }
    var restored = generations.rollback(collection);
    events.record(
        collection,
        "rollback",
        "rolled back from generation " + generation + " to " + restored.generation(),
        Map.of("from", generation, "to", restored.generation()));
    return restored;
  }

  /** The generation the collection's row names active (not a node's fallback during a sync). */
  private int active(String collection) {
    return generations.list(collection).stream()
        .filter(g -> g.status().equals("active"))
        .mapToInt(Generation::generation)
        .findFirst()
        .orElseGet(() -> catalog.requireActiveGeneration(collection));
  }
}
