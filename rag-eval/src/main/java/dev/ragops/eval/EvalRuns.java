package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.ConflictException;
import dev.ragops.model.Embedder;
import dev.ragops.model.LearnedModel;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.RetriableException;
import dev.ragops.model.Retriever;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eval runs: a golden set scored against one index generation of its collection with given
 * retrieval settings, persisted with its metrics, per-case results and a snapshot of the
 * configuration. Runs started over HTTP are stored as queued and run as jobs of the job engine on a
 * worker ({@link EvalRunJob}); {@link #runNow} runs one in the caller's thread (for schedules and
 * the quality gate).
 */
@Singleton
public class EvalRuns {

  /** What started a run. */
  static final Set<String> TRIGGERS = Set.of("manual", "schedule", "gate");

  /**
   * The settings that choose the fusion; when a run names none, the collection's defaults apply.
   */
  private static final Set<String> FUSION_KEYS =
      Set.of("fusion", "rrfK", "weights", "normalization");

  /** Documents (or chunks) scored per case unless the settings say {@code k}. */
  static final int DEFAULT_DEPTH = 100;

  private static final Logger LOG = LoggerFactory.getLogger(EvalRuns.class);

  private final CollectionCatalog catalog;
  private final GoldenSets goldenSets;
  private final Retriever retriever;
  private final Provider<Embedder> embedder;
  private final RunStore store;
  private final CollectionDefaults defaults;
  private final JobScheduler scheduler;

  EvalRuns(
      CollectionCatalog catalog,
      GoldenSets goldenSets,
      Retriever retriever,
      Provider<Embedder> embedder,
      RunStore store,
      CollectionDefaults defaults,
      JobScheduler scheduler) {
    this.scheduler = scheduler;
    this.catalog = catalog;
    this.goldenSets = goldenSets;
    this.retriever = retriever;
    this.embedder = embedder;
    this.store = store;
    this.defaults = defaults;
  }

  /**
   * Scores golden set {@code dataset} of {@code collection} against index generation {@code
   * generation} now, in this thread, and stores the run.
   *
   * @param settings retrieval settings in the search API's vocabulary ({@code mode}, {@code
   *     fusion}, {@code rrfK}, {@code weights}, {@code normalization}, {@code candidates}, {@code
   *     rerank}, {@code filter}) plus {@code k}, the documents scored per case (default 100)
   * @param trigger {@code manual}, {@code schedule} or {@code gate}
   * @return the succeeded run, with its metrics
   * @throws NotFoundException if the collection or the dataset does not exist
   * @throws IllegalArgumentException for bad settings, a generation below 1, an unknown trigger or
   *     a dataset without cases (nothing is stored then)
   * @throws NonRetriableException if the run failed; it is stored as failed with the reason
   */
  public EvalRun runNow(
      String collection,
      String dataset,
      int generation,
      Map<String, Object> settings,
      String trigger) {
    var run = prepare(collection, dataset, generation, settings, trigger);
    execute(run.id(), false);
    var ended = get(collection, run.id());
    if (!ended.status().equals("succeeded")) {
      throw new NonRetriableException("eval run " + run.id() + " failed: " + ended.error());
    }
    return ended;
  }

  /**
   * Checks and stores a run as queued and hands it to the job engine under the run's id ({@link
   * EvalRunJob}); a worker runs it.
   *
   * @throws RetriableException when the engine cannot take it (the run is then stored as failed)
   */
  EvalRun start(String collection, Map<String, Object> body) {
    Map<String, Object> settings = new LinkedHashMap<>(body == null ? Map.of() : body);
    Object dataset = settings.remove("dataset");
    if (!(dataset instanceof String name) || name.isBlank()) {
      throw new IllegalArgumentException("dataset must name a golden set of the collection");
    }
    Object generation = settings.remove("generation");
    int active = catalog.requireActiveGeneration(collection);
    int wanted;
    if (generation == null) {
      wanted = active;
    } else if (generation instanceof Number n && n.doubleValue() == n.intValue()) {
      wanted = n.intValue();
    } else {
      throw new IllegalArgumentException("generation must be an integer, got " + generation);
    }
    var run = prepare(collection, name, wanted, settings, "manual");
    try {
      enqueue(UUID.fromString(run.id()));
    } catch (RuntimeException e) {
      store.fail(run.id(), "the job engine could not take the run: " + JobAttempts.reason(e));
      throw new RetriableException("the job engine is unavailable; start the run again later", e);
    }
    return run;
  }

  /** Hands the run to the job engine under its id ({@link EvalRunJob}). */
  void enqueue(UUID id) {
    scheduler.<EvalRunJob>enqueue(id, job -> job.run(id));
  }

  /**
   * Runs the queued run {@code runId} (the job engine's entry, {@link EvalRunJob}): claims it,
   * scores its cases and stores the results and {@code succeeded}, or {@code failed} with the
   * reason. A run that has ended already is left as it is; a transient failure is thrown so the
   * engine runs the job again ({@link JobAttempts}).
   */
  void runQueued(String runId) {
    execute(runId, true);
  }

  List<EvalRun> list(String collection, int limit) {
    catalog.requireActiveGeneration(collection);
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
    }
    return store.list(collection, limit);
  }

  EvalRun get(String collection, String runId) {
    catalog.requireActiveGeneration(collection);
    return store
        .find(collection, runId)
        .orElseThrow(() ->
            new NotFoundException(
                "eval run '" + runId + "' does not exist in collection '" + collection + "'"));
  }

  /**
   * Deletes run {@code runId} with its per-case results, once it has ended.
   *
   * @throws NotFoundException if it does not exist
   * @throws ConflictException while it is queued or running
   */
  void delete(String collection, String runId) {
    var run = get(collection, runId);
    if (!store.deleteEnded(runId)) {
      throw new ConflictException(
          "eval run "
              + runId
              + " is "
              + run.status()
              + "; only a succeeded or failed run can be deleted");
    }
  }

  List<RunStore.QueryResult> queries(String runId) {
    return store.queries(runId);
  }

  /** Checks the run and stores it as queued, with a snapshot of its settings. */
  private EvalRun prepare(
      String collection,
      String dataset,
      int generation,
      Map<String, Object> settings,
      String trigger) {
    catalog.requireActiveGeneration(collection);
    if (!TRIGGERS.contains(trigger)) {
      throw new IllegalArgumentException(
          "trigger must be manual, schedule or gate, got " + trigger);
    }
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be at least 1, got " + generation);
    }
    Map<String, Object> retrieval = new LinkedHashMap<>(settings == null ? Map.of() : settings);
    retrieval.remove("embeddingModel"); // part of a snapshot, not a setting
    int depth = depth(retrieval.remove("k"));
    retriever.validate(retrieval);
    if (goldenSets.casesForEval(collection, dataset).isEmpty()) {
      throw new IllegalArgumentException("dataset '" + dataset + "' has no cases");
    }
    Map<String, Object> snapshot = new LinkedHashMap<>();
    snapshot.put("mode", "hybrid");
    snapshot.putAll(retrieval);
    if (snapshot.get("mode").equals("hybrid")
        && FUSION_KEYS.stream().noneMatch(retrieval::containsKey)) {
      // what a search of the collection would use: its tuned defaults, if any
      // (the learned rerank model is read from the defaults at search time, not a setting)
      defaults
          .defaults(collection)
          .forEach((key, value) -> {
            if (!key.equals(LearnedModel.DEFAULTS_KEY)) {
              snapshot.putIfAbsent(key, value);
            }
          });
    }
    snapshot.put("k", depth);
    snapshot.put("embeddingModel", embedder.get().modelId());
    var run =
        new EvalRun(
            UUID.randomUUID().toString(),
            dataset,
            "queued",
            trigger,
            generation,
            snapshot,
            Map.of(),
            Instant.now(),
            null,
            null);
    store.insert(collection, run);
    return run;
  }

  /**
   * Claims run {@code runId} and scores it. With {@code engine}, a transient failure before the
   * last attempt is thrown for the job engine to run the job again; otherwise every failure ends
   * the run failed with its reason.
   */
  private void execute(String runId, boolean engine) {
    var claim = store.claim(runId).orElse(null);
    if (claim == null) {
      LOG.info("Eval run {} has ended already (or is gone): nothing to run", runId);
      return;
    }
    if (claim.attempts() > JobAttempts.MAX) {
      store.fail(runId, JobAttempts.gaveUp(claim.attempts()));
      return;
    }
    String collection = claim.collection();
    try {
      var run = get(collection, runId);
      Map<String, Object> retrieval = new LinkedHashMap<>(run.settings());
      int depth = depth(retrieval.remove("k"));
      retrieval.remove("embeddingModel");
      var cases = goldenSets.casesForEval(collection, run.dataset());
      if (cases.isEmpty()) {
        throw new IllegalArgumentException("dataset '" + run.dataset() + "' has no cases");
      }
      var now = goldenSets.lineage().snapshot(collection, cases);
      List<RunStore.QueryResult> results = new ArrayList<>();
      for (GoldenCase golden : cases) {
        var hits =
            retriever.retrieve(
                collection,
                run.generation(),
                golden.query(),
                CaseScore.chunksToRetrieve(golden, depth),
                retrieval);
        // a rerank stage's order is the ranking (its scores may tie)
        var score =
            CaseScore.of(
                golden,
                retrieval.containsKey("rerank") ? CaseScore.inListOrder(hits) : hits,
                depth);
        results.add(
            new RunStore.QueryResult(
                golden.id(), golden.query(), score.metrics(), score.ranking(), now.stale(golden)));
      }
      var means = CaseScore.means(results.stream().map(RunStore.QueryResult::metrics).toList());
      if (!store.succeed(runId, means, results)) {
        LOG.info("Eval run {} was finished by another start of its job; results dropped", runId);
      }
    } catch (RuntimeException e) {
      if (engine && claim.attempts() < JobAttempts.MAX && JobAttempts.retriable(e)) {
        LOG.warn("Eval run {} of {} interrupted, it will run again: {}", runId, collection, e);
        throw e;
      }
      LOG.warn("Eval run {} of {} failed: {}", runId, collection, JobAttempts.reason(e));
      store.fail(runId, JobAttempts.reason(e));
    }
  }

  private static int depth(Object k) {
    if (k == null) {
      return DEFAULT_DEPTH;
    }
    if (k instanceof Number n
        && n.doubleValue() == n.intValue()
        && n.intValue() >= 1
        && n.intValue() <= 1000) {
      return n.intValue();
    }
    throw new IllegalArgumentException("k must be an integer between 1 and 1000, got " + k);
  }
}
