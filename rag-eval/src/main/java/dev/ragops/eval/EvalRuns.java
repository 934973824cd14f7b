package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.Embedder;
import dev.ragops.model.LearnedModel;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.Retriever;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Eval runs: a golden set scored against one index generation of its collection with given
 * retrieval settings, persisted with its metrics, per-case results and a snapshot of the
 * configuration. Runs started over HTTP are queued and run one at a time in the background; {@link
 * #runNow} runs one in the caller's thread (for schedules and the quality gate).
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
  private final ExecutorService background =
      Executors.newSingleThreadExecutor(Thread.ofPlatform().daemon().name("eval-runs").factory());

  EvalRuns(
      CollectionCatalog catalog,
      GoldenSets goldenSets,
      Retriever retriever,
      Provider<Embedder> embedder,
      RunStore store,
      CollectionDefaults defaults) {
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
    var prepared = prepare(collection, dataset, generation, settings, trigger);
    return execute(collection, prepared);
  }

  /** Checks and queues a run; it runs in the background. */
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
    var prepared = prepare(collection, name, wanted, settings, "manual");
    background.execute(() -> {
      try {
        execute(collection, prepared);
      } catch (RuntimeException e) {
        LOG.warn("Eval run {} of {} failed: {}", prepared.run().id(), collection, e.getMessage());
      }
    });
    return prepared.run();
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

  List<RunStore.QueryResult> queries(String runId) {
    return store.queries(runId);
  }

  private record Prepared(EvalRun run, List<GoldenCase> cases, int depth) {}

  private Prepared prepare(
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
    var cases = goldenSets.casesForEval(collection, dataset);
    if (cases.isEmpty()) {
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
    return new Prepared(run, cases, depth);
  }

  private EvalRun execute(String collection, Prepared prepared) {
    String runId = prepared.run().id();
    try {
      store.running(runId);
      Map<String, Object> retrieval = new LinkedHashMap<>(prepared.run().settings());
      retrieval.remove("k");
      retrieval.remove("embeddingModel");
      var now = goldenSets.lineage().snapshot(collection, prepared.cases());
      List<RunStore.QueryResult> results = new ArrayList<>();
      for (GoldenCase golden : prepared.cases()) {
        var hits =
            retriever.retrieve(
                collection,
                prepared.run().generation(),
                golden.query(),
                CaseScore.chunksToRetrieve(golden, prepared.depth()),
                retrieval);
        var score = CaseScore.of(golden, hits, prepared.depth());
        results.add(
            new RunStore.QueryResult(
                golden.id(), golden.query(), score.metrics(), score.ranking(), now.stale(golden)));
      }
      store.succeed(
          runId,
          CaseScore.means(results.stream().map(RunStore.QueryResult::metrics).toList()),
          results);
    } catch (RuntimeException e) {
      String reason = e.getMessage() == null ? e.toString() : e.getMessage();
      store.fail(runId, reason);
      throw new NonRetriableException("eval run " + runId + " failed: " + reason, e);
    }
    return get(collection, runId);
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

  /**
   * Stops taking work and lets a running one end (it may be using the model) before the beans go.
   */
  @PreDestroy
  void close() throws InterruptedException {
    background.shutdownNow();
    background.awaitTermination(10, java.util.concurrent.TimeUnit.SECONDS);
  }
}
