package dev.ragops.eval;

/**
 * How a measured value compares with the value a spec expects, Anserini-style: {@code OK} within
 * the tolerance, {@code OKISH} within 1.5 times the tolerance, {@code FAIL} beyond. The check is
 * two-sided: a value far above the expectation also fails, because then the spec no longer
 * describes the system and must be updated on purpose.
 */
enum Verdict {
  OK,
  OKISH,
  FAIL;

  /** Slack for floating-point noise, far below any tolerance worth writing. */
  private static final double EPSILON = 1e-9;

  static Verdict of(double actual, double expected, double tolerance) {
    if (tolerance < 0) {
      throw new IllegalArgumentException("tolerance must be >= 0, got " + tolerance);
    }
    double difference = Math.abs(actual - expected);
    if (difference <= tolerance + EPSILON) {
      return OK;
    }
    return difference <= 1.5 * tolerance + EPSILON ? OKISH : FAIL;
  }

  /** The worse of the two. */
  Verdict and(Verdict other) {
    return compareTo(other) >= 0 ? this : other;
  }
}
