package dev.ragops.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * Chooses among candidate configurations by k-fold cross-validation, on a precomputed table of
 * per-case scores, and measures the gain of the choice on cases it was not chosen on.
 *
 * <p>The cases are shuffled with {@code seed} and dealt round-robin into {@code folds} folds. For
 * each fold the candidate with the best mean score on the other folds is chosen (ties: the earlier
 * candidate), and both it and the baseline are scored on the fold. The held-out means pool every
 * case once. The final choice is the best candidate on all cases.
 *
 * @param chosen the candidate chosen on all cases
 * @param heldOutTuned the mean score, over all cases, of the candidate chosen without each case
 * @param heldOutBaseline the baseline's mean score over all cases
 * @param folds each fold's choice and held-out means
 */
record CrossValidation(int chosen, double heldOutTuned, double heldOutBaseline, List<Fold> folds) {

  /** One fold: its size, the candidate chosen on the other folds and the means on this one. */
  record Fold(int cases, int chosen, double tuned, double baseline) {}

  double gain() {
    return heldOutTuned - heldOutBaseline;
  }

  /**
   * @param scores {@code scores[c][i]}: candidate c's score on case i
   * @param baseline the baseline's score on each case
   * @throws IllegalArgumentException for fewer than 2 folds, more folds than cases, no candidate,
   *     or rows of different lengths
   */
  static CrossValidation run(double[][] scores, double[] baseline, int folds, long seed) {
    int n = baseline.length;
    if (scores.length == 0) {
      throw new IllegalArgumentException("no candidates");
    }
    for (double[] row : scores) {
      if (row.length != n) {
        throw new IllegalArgumentException("every candidate needs a score per case");
      }
    }
    if (folds < 2 || folds > n) {
      throw new IllegalArgumentException(
          "folds must be between 2 and the number of cases (" + n + "), got " + folds);
    }
    int[] foldOf = foldOf(n, folds, seed);
    double tunedSum = 0;
    double baselineSum = 0;
    List<Fold> details = new ArrayList<>();
    for (int fold = 0; fold < folds; fold++) {
      int f = fold;
      int best = best(scores, i -> foldOf[i] != f);
      double tuned = 0;
      double base = 0;
      int size = 0;
      for (int i = 0; i < n; i++) {
        if (foldOf[i] == fold) {
          tuned += scores[best][i];
          base += baseline[i];
          size++;
        }
      }
      tunedSum += tuned;
      baselineSum += base;
      details.add(new Fold(size, best, tuned / size, base / size));
    }
    return new CrossValidation(best(scores, i -> true), tunedSum / n, baselineSum / n, details);
  }

  /** Each case's fold: the cases shuffled with {@code seed} and dealt round-robin. */
  static int[] foldOf(int n, int folds, long seed) {
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      order.add(i);
    }
    Collections.shuffle(order, new Random(seed));
    int[] foldOf = new int[n];
    for (int position = 0; position < n; position++) {
      foldOf[order.get(position)] = position % folds;
    }
    return foldOf;
  }

  private static int best(double[][] scores, java.util.function.IntPredicate training) {
    int best = 0;
    double bestMean = Double.NEGATIVE_INFINITY;
    for (int c = 0; c < scores.length; c++) {
      double sum = 0;
      int count = 0;
      for (int i = 0; i < scores[c].length; i++) {
        if (training.test(i)) {
          sum += scores[c][i];
          count++;
        }
      }
      double mean = count == 0 ? 0 : sum / count;
      if (mean > bestMean) {
        best = c;
        bestMean = mean;
      }
    }
    return best;
  }
}
