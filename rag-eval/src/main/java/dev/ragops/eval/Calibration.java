package dev.ragops.eval;

import java.util.Arrays;
import java.util.List;

/**
 * A logistic model over a few features: {@code p = 1 / (1 + exp(-(b + Σ wᵢ·xᵢ)))}, with a decision
 * threshold on {@code p}. {@link #fit} finds the weights by Newton's method on the log-loss with a
 * small L2 penalty (λ = 0.01, not on the bias), from all-zero weights, so the same data always
 * gives the same model.
 *
 * @param weights one weight per feature
 * @param bias the intercept
 * @param threshold probability at or above which a sentence counts as supported
 */
record Calibration(double[] weights, double bias, double threshold) {

  private static final double L2 = 0.01;

  Calibration {
    weights = weights.clone();
  }

  double probability(double[] features) {
    if (features.length != weights.length) {
      throw new IllegalArgumentException(
          "expected " + weights.length + " features, got " + features.length);
    }
    double z = bias;
    for (int i = 0; i < weights.length; i++) {
      z += weights[i] * features[i];
    }
    return 1 / (1 + Math.exp(-z));
  }

  /**
   * Fits weights to labelled feature vectors.
   *
   * @param x one feature vector per example
   * @param y the labels (true = supported)
   * @param threshold the decision threshold to keep with the model
   */
  static Calibration fit(List<double[]> x, List<Boolean> y, double threshold) {
    if (x.size() != y.size() || x.isEmpty()) {
      throw new IllegalArgumentException("need as many labels as examples, and some examples");
    }
    int d = x.get(0).length + 1; // bias first
    double[] beta = new double[d];
    for (int iteration = 0; iteration < 50; iteration++) {
      double[] gradient = new double[d];
      double[][] hessian = new double[d][d];
      for (int n = 0; n < x.size(); n++) {
        double[] row = withBias(x.get(n));
        double p = sigmoid(dot(beta, row));
        double err = p - (y.get(n) ? 1 : 0);
        double w = p * (1 - p);
        for (int i = 0; i < d; i++) {
          gradient[i] += err * row[i];
          for (int j = 0; j < d; j++) {
            hessian[i][j] += w * row[i] * row[j];
          }
        }
      }
      for (int i = 1; i < d; i++) {
        gradient[i] += L2 * x.size() * beta[i];
        hessian[i][i] += L2 * x.size();
      }
      double[] step = solve(hessian, gradient);
      double change = 0;
      for (int i = 0; i < d; i++) {
        beta[i] -= step[i];
        change = Math.max(change, Math.abs(step[i]));
      }
      if (change < 1e-10) {
        break;
      }
    }
    return new Calibration(Arrays.copyOfRange(beta, 1, d), beta[0], threshold);
  }

  private static double[] withBias(double[] features) {
    double[] row = new double[features.length + 1];
    row[0] = 1;
    System.arraycopy(features, 0, row, 1, features.length);
    return row;
  }

  private static double sigmoid(double z) {
    return 1 / (1 + Math.exp(-z));
  }

  private static double dot(double[] a, double[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  /** Solves {@code a·x = b} by Gaussian elimination with partial pivoting. */
  private static double[] solve(double[][] a, double[] b) {
    int n = b.length;
    double[][] m = new double[n][];
    for (int i = 0; i < n; i++) {
      m[i] = Arrays.copyOf(a[i], n + 1);
      m[i][n] = b[i];
    }
    for (int col = 0; col < n; col++) {
      int pivot = col;
      for (int r = col + 1; r < n; r++) {
        if (Math.abs(m[r][col]) > Math.abs(m[pivot][col])) {
          pivot = r;
        }
      }
      double[] tmp = m[col];
      m[col] = m[pivot];
      m[pivot] = tmp;
      for (int r = col + 1; r < n; r++) {
        double f = m[r][col] / m[col][col];
        for (int c = col; c <= n; c++) {
          m[r][c] -= f * m[col][c];
        }
      }
    }
    double[] out = new double[n];
    for (int i = n - 1; i >= 0; i--) {
      double s = m[i][n];
      for (int j = i + 1; j < n; j++) {
        s -= m[i][j] * out[j];
      }
      out[i] = s / m[i][i];
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Calibration c
        && Arrays.equals(weights, c.weights)
        && bias == c.bias
        && threshold == c.threshold;
  }

  @Override
  public int hashCode() {
    return Arrays.hashCode(weights) * 31 + Double.hashCode(bias);
  }

  @Override
  public String toString() {
    return "Calibration[weights="
        + Arrays.toString(weights)
        + ", bias="
        + bias
        + ", threshold="
        + threshold
        + "]";
  }
}
