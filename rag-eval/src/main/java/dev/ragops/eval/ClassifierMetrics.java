package dev.ragops.eval;

/**
 * How well scores separate two classes: AUROC and balanced accuracy. {@code labels[i]} is true for
 * the positive class (faithful); higher scores should mean positive.
 */
final class ClassifierMetrics {

  private ClassifierMetrics() {}

  /**
   * The area under the ROC curve: the probability that a random positive scores above a random
   * negative, ties counting one half (the Mann–Whitney U statistic).
   *
   * @throws IllegalArgumentException if a class is missing
   */
  static double auroc(double[] scores, boolean[] labels) {
    requireBothClasses(labels);
    double wins = 0;
    long pairs = 0;
    for (int i = 0; i < scores.length; i++) {
      if (!labels[i]) {
        continue;
      }
      for (int j = 0; j < scores.length; j++) {
        if (labels[j]) {
          continue;
        }
        pairs++;
        if (scores[i] > scores[j]) {
          wins += 1;
        } else if (scores[i] == scores[j]) {
          wins += 0.5;
        }
      }
    }
    return wins / pairs;
  }

  /**
   * The mean of the true positive and true negative rates, calling {@code score >= threshold}
   * positive.
   */
  static double balancedAccuracy(double[] scores, boolean[] labels, double threshold) {
    requireBothClasses(labels);
    int tp = 0;
    int positives = 0;
    int tn = 0;
    int negatives = 0;
    for (int i = 0; i < scores.length; i++) {
      boolean predicted = scores[i] >= threshold;
      if (labels[i]) {
        positives++;
        tp += predicted ? 1 : 0;
      } else {
        negatives++;
        tn += predicted ? 0 : 1;
      }
    }
    return ((double) tp / positives + (double) tn / negatives) / 2;
  }

  private static void requireBothClasses(boolean[] labels) {
    boolean positive = false;
    boolean negative = false;
    for (boolean label : labels) {
      positive |= label;
      negative |= !label;
    }
    if (!positive || !negative) {
      throw new IllegalArgumentException("need cases of both classes (faithful and not)");
    }
  }
}
