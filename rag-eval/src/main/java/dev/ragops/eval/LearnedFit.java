package dev.ragops.eval;

import dev.ragops.model.LearnedModel;
import dev.ragops.model.Retriever;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Fits a collection's {@link LearnedModel} on a golden set by coordinate ascent on nDCG@10 over
 * each case's hybrid candidates, and measures it with the same k-fold split as {@link
 * CrossValidation}.
 *
 * <p>Fitting: every feature is normalized to z-scores with the training candidates' mean and
 * standard deviation (a constant feature keeps scale 1), which become the model's shift and scale.
 * All weights start at 0, a model that ties every hit and so keeps the fused order. Then, feature
 * by feature in {@link LearnedModel#FEATURES} order, steps of ±1, ±0.5, ±0.25 and ±0.1 are tried on
 * the feature's weight, and the step that raises the mean training nDCG@10 most is kept; passes
 * repeat until one changes nothing (at most {@link #MAX_PASSES}). Deterministic: no randomness,
 * ties between steps go to the first tried.
 */
final class LearnedFit {

  static final int MAX_PASSES = 20;
  private static final double[] STEPS = {1, -1, 0.5, -0.5, 0.25, -0.25, 0.1, -0.1};
  private static final int DEPTH = 10;

  /**
   * A golden case and its fused candidates, best first, with their features ({@code x}: each
   * candidate's raw features in {@link LearnedModel#FEATURES} order, a missing one as 0).
   */
  record Case(GoldenCase golden, List<Retriever.Hit> candidates, double[][] x) {

    Case(GoldenCase golden, List<Retriever.Hit> candidates) {
      this(golden, candidates, candidates.stream().map(LearnedFit::raw).toArray(double[][]::new));
    }
  }

  /**
   * The held-out result: the mean nDCG@10 of models fitted without each case, the baseline's, each
   * fold's means and the model fitted on all cases.
   */
  record Result(
      LearnedModel model, double heldOutLearned, double heldOutBaseline, List<Fold> folds) {

    double gain() {
      return heldOutLearned - heldOutBaseline;
    }
  }

  /** One fold: its size and the means of the model fitted on the other folds and the baseline. */
  record Fold(int cases, double learned, double baseline) {}

  private LearnedFit() {}

  /**
   * @param baseline the baseline's nDCG@10 on each case
   * @throws IllegalArgumentException for folds outside 2..cases or a baseline of another length
   */
  static Result crossValidate(List<Case> cases, double[] baseline, int folds, long seed) {
    int n = cases.size();
    if (baseline.length != n) {
      throw new IllegalArgumentException("the baseline needs a score per case");
    }
    if (folds < 2 || folds > n) {
      throw new IllegalArgumentException(
          "folds must be between 2 and the number of cases (" + n + "), got " + folds);
    }
    int[] foldOf = CrossValidation.foldOf(n, folds, seed);
    double learnedSum = 0;
    double baselineSum = 0;
    List<Fold> details = new ArrayList<>();
    for (int fold = 0; fold < folds; fold++) {
      List<Case> training = new ArrayList<>();
      for (int i = 0; i < n; i++) {
        if (foldOf[i] != fold) {
          training.add(cases.get(i));
        }
      }
      LearnedModel model = fit(training);
      double learned = 0;
      double base = 0;
      int size = 0;
      for (int i = 0; i < n; i++) {
        if (foldOf[i] == fold) {
          learned += ndcg(model, cases.get(i));
          base += baseline[i];
          size++;
        }
      }
      learnedSum += learned;
      baselineSum += base;
      details.add(new Fold(size, learned / size, base / size));
    }
    return new Result(fit(cases), learnedSum / n, baselineSum / n, details);
  }

  /** The model fitted on {@code cases} (see the class comment). */
  static LearnedModel fit(List<Case> cases) {
    int d = LearnedModel.FEATURES.size();
    double[] mean = new double[d];
    double[] scale = new double[d];
    List<double[]> all = new ArrayList<>();
    cases.forEach(c -> all.addAll(Arrays.asList(c.x())));
    for (int j = 0; j < d; j++) {
      int feature = j;
      mean[j] = all.stream().mapToDouble(x -> x[feature]).average().orElse(0);
      double variance =
          all.stream()
              .mapToDouble(x -> Math.pow(x[feature] - mean[feature], 2))
              .average()
              .orElse(0);
      scale[j] = variance > 1e-18 ? Math.sqrt(variance) : 1;
    }
    double[] weights = new double[d];
    double best = meanNdcg(model(weights, mean, scale), cases);
    for (int pass = 0; pass < MAX_PASSES; pass++) {
      boolean changed = false;
      for (int j = 0; j < d; j++) {
        double kept = weights[j];
        double bestWeight = kept;
        for (double step : STEPS) {
          weights[j] = kept + step;
          double score = meanNdcg(model(weights, mean, scale), cases);
          if (score > best + 1e-12) {
            best = score;
            bestWeight = weights[j];
          }
        }
        weights[j] = bestWeight;
        changed |= bestWeight != kept;
      }
      if (!changed) {
        break;
      }
    }
    return model(weights, mean, scale);
  }

  /** The case's nDCG@10 with its candidates ordered by {@code model} (ties: fused order). */
  static double ndcg(LearnedModel model, Case c) {
    List<Retriever.Hit> hits = c.candidates();
    Integer[] order = new Integer[hits.size()];
    double[] scores = new double[hits.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      scores[i] = model.score(c.x()[i]);
    }
    Arrays.sort(order, Comparator.comparingDouble((Integer i) -> -scores[i]));
    List<Retriever.Hit> ranked = new ArrayList<>(order.length);
    for (int position = 0; position < order.length; position++) {
      var hit = hits.get(order[position]);
      ranked.add(
          new Retriever.Hit(
              hit.chunkId(), hit.documentId(), hit.sourceId(), order.length - position));
    }
    return CaseScore.of(c.golden(), ranked, DEPTH).metrics().get(Tuning.METRIC);
  }

  private static double meanNdcg(LearnedModel model, List<Case> cases) {
    return cases.stream().mapToDouble(c -> ndcg(model, c)).average().orElse(0);
  }

  private static LearnedModel model(double[] weights, double[] mean, double[] scale) {
    return new LearnedModel(
        LearnedModel.FEATURES,
        Arrays.stream(weights).boxed().toList(),
        Arrays.stream(mean).boxed().toList(),
        Arrays.stream(scale).boxed().toList());
  }

  private static double[] raw(Retriever.Hit hit) {
    double[] x = new double[LearnedModel.FEATURES.size()];
    for (int j = 0; j < x.length; j++) {
      x[j] = hit.features().getOrDefault(LearnedModel.FEATURES.get(j), 0.0);
    }
    return x;
  }
}
