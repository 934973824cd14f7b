package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.LearnedModel;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.RetriableException;
import dev.ragops.model.Retriever;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Fits a collection's hybrid fusion on a golden set: weighted fusion with keyword weight 0, 0.1, …,
 * 1 (the vector leg gets the rest) and min-max or z-score normalization, 22 candidates, chosen by
 * nDCG@10 with k-fold cross-validation ({@link CrossValidation}) against the collection's current
 * hybrid settings. With the {@code learned} target it also fits a learned rerank model ({@link
 * LearnedFit}) on the same folds. Each choice becomes part of the collection's search defaults only
 * if it gains on held-out cases; the report says what was found either way. Tunings run as jobs of
 * the job engine on a worker ({@link TuningJob}).
 */
@Singleton
final class Tuning {

  private static final Logger LOG = LoggerFactory.getLogger(Tuning.class);

  /** The metric tuned for. */
  static final String METRIC = "ndcg@10";

  /** Documents scored per case: nDCG@10 needs ten. */
  private static final int DEPTH = 10;

  /** What a tuning may fit: the weighted fusion and the learned rerank model. */
  static final List<String> TARGETS = List.of("fusion", "learned");

  /** Fused candidates per case the learned model is fitted on (the search API's default). */
  static final int LEARNED_CANDIDATES = 50;

  /** A tuning request; {@code targets} defaults to {@link #TARGETS}. */
  @Serdeable
  record Request(
      @Nullable String dataset,
      @Nullable Integer folds,
      @Nullable Long seed,
      @Nullable List<String> targets) {}

  /**
   * What tuning found. {@code applied}: whether the fusion became the collection's defaults; when
   * fusion is not a target, {@code tuned} is null and the tuned figures are the baseline's. {@code
   * learned}: the learned rerank model's report when it is a target.
   */
  @Serdeable
  record Report(
      String dataset,
      int cases,
      int folds,
      long seed,
      String metric,
      Map<String, Object> baseline,
      @Nullable Map<String, Object> tuned,
      double baselineScore,
      double tunedScore,
      double heldOutBaseline,
      double heldOutTuned,
      double heldOutGain,
      List<FoldReport> perFold,
      boolean applied,
      @Nullable List<String> targets,
      @Nullable LearnedReport learned) {}

  /**
   * The learned rerank model ({@link LearnedFit}): its held-out nDCG@10 against the baseline's,
   * each fold's means, the model fitted on all cases and whether it became the collection's default
   * rerank stage (only when the held-out gain is positive and some weight is not zero: an all-zero
   * model keeps the fused order).
   */
  @Serdeable
  record LearnedReport(
      double heldOutBaseline,
      double heldOutLearned,
      double heldOutGain,
      List<LearnedFoldReport> perFold,
      Map<String, Object> model,
      boolean applied) {}

  /** One fold of the learned model's cross-validation. */
  @Serdeable
  record LearnedFoldReport(int fold, int cases, double baseline, double learned) {}

  /** One fold of the cross-validation. */
  @Serdeable
  record FoldReport(
      int fold, int cases, Map<String, Object> chosen, double baseline, double tuned) {}

  private final CollectionCatalog catalog;
  private final GoldenSets goldenSets;
  private final Retriever retriever;
  private final CollectionDefaults defaults;
  private final TuningStore store;
  private final JobScheduler scheduler;

  Tuning(
      CollectionCatalog catalog,
      GoldenSets goldenSets,
      Retriever retriever,
      CollectionDefaults defaults,
      TuningStore store,
      JobScheduler scheduler) {
    this.scheduler = scheduler;
    this.catalog = catalog;
    this.goldenSets = goldenSets;
    this.retriever = retriever;
    this.defaults = defaults;
    this.store = store;
  }

  /**
   * Checks the request, stores the tuning as queued and hands it to the job engine under its id; a
   * worker runs it (it searches 23 times per case) and its report is read with {@link #get}.
   *
   * @throws RetriableException when the engine cannot take it (the tuning is then stored as failed)
   */
  TuningStore.TuningView start(String collection, Request request) {
    int generation = catalog.requireActiveGeneration(collection);
    if (request == null || request.dataset() == null || request.dataset().isBlank()) {
      throw new IllegalArgumentException("dataset must name a golden set of the collection");
    }
    int folds = request.folds() == null ? 5 : request.folds();
    long seed = request.seed() == null ? 42 : request.seed();
    var cases = goldenSets.casesForEval(collection, request.dataset());
    if (folds < 2 || folds > cases.size()) {
      throw new IllegalArgumentException(
          "folds must be between 2 and the dataset's number of cases ("
              + cases.size()
              + "), got "
              + folds);
    }
    List<String> targets = request.targets() == null ? TARGETS : List.copyOf(request.targets());
    if (targets.isEmpty() || !TARGETS.containsAll(targets)) {
      throw new IllegalArgumentException(
          "targets must be a non-empty list of " + TARGETS + ", got " + targets);
    }
    var view = store.insert(collection, request.dataset());
    UUID id = UUID.fromString(view.id());
    String dataset = request.dataset();
    String targetList = String.join(",", targets);
    try {
      scheduler.<TuningJob>enqueue(
          id, job -> job.run(id, collection, generation, dataset, folds, seed, targetList));
    } catch (RuntimeException e) {
      store.finish(
          view.id(), "failed", null, "the job engine could not take it: " + JobAttempts.reason(e));
      throw new RetriableException(
          "the job engine is unavailable; start the tuning again later", e);
    }
    return view;
  }

  /**
   * Runs a queued tuning (the job engine's entry, {@link TuningJob}): claims it, tunes, and stores
   * the report and {@code succeeded}, or {@code failed} with the reason. A tuning that has ended is
   * left as it is; a transient failure is thrown so the engine runs the job again ({@link
   * JobAttempts}).
   */
  void runQueued(
      String id,
      String collection,
      int generation,
      String dataset,
      int folds,
      long seed,
      List<String> targets) {
    var attempts = store.claim(id).orElse(null);
    if (attempts == null) {
      LOG.info("Tuning {} has ended already (or is gone): nothing to run", id);
      return;
    }
    if (attempts > JobAttempts.MAX) {
      store.finish(id, "failed", null, JobAttempts.gaveUp(attempts));
      return;
    }
    try {
      var cases = goldenSets.casesForEval(collection, dataset);
      if (folds > cases.size()) {
        throw new IllegalArgumentException(
            "the dataset has " + cases.size() + " cases now, fewer than the " + folds + " folds");
      }
      var report = tune(collection, generation, dataset, cases, folds, seed, targets);
      if (!store.finish(id, "succeeded", report, null)) {
        LOG.info("Tuning {} was finished by another start of its job", id);
      }
    } catch (RuntimeException e) {
      if (attempts < JobAttempts.MAX && JobAttempts.retriable(e)) {
        LOG.warn("Tuning {} of {} interrupted, it will run again: {}", id, collection, e);
        throw e;
      }
      LOG.warn("Tuning {} of {} failed: {}", id, collection, e.toString());
      store.finish(id, "failed", null, JobAttempts.reason(e));
    }
  }

  TuningStore.TuningView get(String collection, String id) {
    catalog.requireActiveGeneration(collection);
    return store
        .find(collection, id)
        .orElseThrow(() ->
            new NotFoundException(
                "tuning '" + id + "' does not exist in collection '" + collection + "'"));
  }

  private Report tune(
      String collection,
      int generation,
      String dataset,
      List<GoldenCase> cases,
      int folds,
      long seed,
      List<String> targets) {
    Map<String, Object> current = defaults.defaults(collection);
    Map<String, Object> baseline = new LinkedHashMap<>(current);
    baseline.remove(LearnedModel.DEFAULTS_KEY);
    baseline.put("mode", "hybrid");
    double[] baselineScores = scores(collection, generation, cases, baseline);
    LearnedReport learned = null;
    LearnedModel learnedModel = null;
    if (targets.contains("learned")) {
      var fit = learn(collection, generation, cases, baseline, baselineScores, folds, seed);
      learnedModel = fit.model();
      List<LearnedFoldReport> learnedFolds = new ArrayList<>();
      for (int f = 0; f < fit.folds().size(); f++) {
        var fold = fit.folds().get(f);
        learnedFolds.add(
            new LearnedFoldReport(f + 1, fold.cases(), fold.baseline(), fold.learned()));
      }
      learned =
          new LearnedReport(
              fit.heldOutBaseline(),
              fit.heldOutLearned(),
              fit.gain(),
              learnedFolds,
              learnedModel.toMap(),
              // all-zero weights keep the fused order: storing them would change nothing
              fit.gain() > 0 && learnedModel.weights().stream().anyMatch(w -> w != 0));
    }
    List<Map<String, Object>> candidates =
        targets.contains("fusion") ? candidates() : List.of(baseline);
    double[][] scores = new double[candidates.size()][];
    for (int c = 0; c < candidates.size(); c++) {
      scores[c] =
          targets.contains("fusion")
              ? scores(collection, generation, cases, candidates.get(c))
              : baselineScores;
    }
    var cv = CrossValidation.run(scores, baselineScores, folds, seed);
    List<FoldReport> perFold = new ArrayList<>();
    for (int f = 0; f < cv.folds().size(); f++) {
      var fold = cv.folds().get(f);
      perFold.add(
          new FoldReport(
              f + 1, fold.cases(), candidates.get(fold.chosen()), fold.baseline(), fold.tuned()));
    }
    boolean fusion = targets.contains("fusion");
    var tuned = fusion ? candidates.get(cv.chosen()) : null;
    boolean apply = fusion && cv.gain() > 0;
    var report =
        new Report(
            dataset,
            cases.size(),
            folds,
            seed,
            METRIC,
            baseline,
            tuned,
            mean(baselineScores),
            mean(scores[cv.chosen()]),
            cv.heldOutBaseline(),
            cv.heldOutTuned(),
            cv.gain(),
            fusion ? perFold : List.of(),
            apply,
            targets,
            learned);
    if (apply || (learned != null && learned.applied())) {
      Map<String, Object> stored = new LinkedHashMap<>(current);
      if (apply) {
        List.of("fusion", "rrfK", "weights", "normalization").forEach(stored::remove);
        stored.putAll(tuned);
        stored.remove("mode");
      }
      if (learned != null && learned.applied()) {
        stored.put("rerank", Map.of("type", "learned"));
        stored.put(LearnedModel.DEFAULTS_KEY, learnedModel.toMap());
      }
      defaults.store(collection, stored, report);
    }
    return report;
  }

  /**
   * Fits the learned rerank model on each case's first {@link #LEARNED_CANDIDATES} fused candidates
   * under the baseline's fusion (without its rerank stage), cross-validated against the baseline's
   * scores.
   */
  private LearnedFit.Result learn(
      String collection,
      int generation,
      List<GoldenCase> cases,
      Map<String, Object> baseline,
      double[] baselineScores,
      int folds,
      long seed) {
    Map<String, Object> fused = new LinkedHashMap<>(baseline);
    fused.remove("rerank");
    List<LearnedFit.Case> learnCases = new ArrayList<>();
    for (var golden : cases) {
      learnCases.add(
          new LearnedFit.Case(
              golden,
              retriever.retrieve(
                  collection, generation, golden.query(), LEARNED_CANDIDATES, fused)));
    }
    return LearnedFit.crossValidate(learnCases, baselineScores, folds, seed);
  }

  /** The weighted-fusion grid, keyword weight ascending, min-max before z-score. */
  static List<Map<String, Object>> candidates() {
    List<Map<String, Object>> candidates = new ArrayList<>();
    for (String normalization : List.of("minmax", "zscore")) {
      for (int tenths = 0; tenths <= 10; tenths++) {
        double keyword = tenths / 10.0;
        Map<String, Object> settings = new LinkedHashMap<>();
        settings.put("mode", "hybrid");
        settings.put("fusion", "weighted");
        settings.put(
            "weights", Map.of("keyword", keyword, "vector", Math.round((1 - keyword) * 10) / 10.0));
        settings.put("normalization", normalization);
        candidates.add(settings);
      }
    }
    return candidates;
  }

  private double[] scores(
      String collection, int generation, List<GoldenCase> cases, Map<String, Object> settings) {
    double[] scores = new double[cases.size()];
    for (int i = 0; i < cases.size(); i++) {
      var golden = cases.get(i);
      var hits =
          retriever.retrieve(
              collection,
              generation,
              golden.query(),
              CaseScore.chunksToRetrieve(golden, DEPTH),
              settings);
      var ranked = settings.containsKey("rerank") ? CaseScore.inListOrder(hits) : hits;
      scores[i] = CaseScore.of(golden, ranked, DEPTH).metrics().get(METRIC);
    }
    return scores;
  }

  private static double mean(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += v;
    }
    return values.length == 0 ? 0 : sum / values.length;
  }
}
