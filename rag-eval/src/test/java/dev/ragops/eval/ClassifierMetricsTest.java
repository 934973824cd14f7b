package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ClassifierMetricsTest {

  @Test
  void aurocCountsTiesAsHalf() {
    boolean[] labels = {true, true, false, false};
    assertThat(ClassifierMetrics.auroc(new double[] {0.9, 0.8, 0.1, 0.2}, labels)).isEqualTo(1.0);
    assertThat(ClassifierMetrics.auroc(new double[] {0.1, 0.2, 0.9, 0.8}, labels)).isEqualTo(0.0);
    // pairs: (0.9>0.5) (0.9>0.1) (0.5=0.5) (0.5>0.1) -> 3.5 / 4
    assertThat(ClassifierMetrics.auroc(new double[] {0.9, 0.5, 0.5, 0.1}, labels)).isEqualTo(0.875);
  }

  @Test
  void balancedAccuracyAveragesBothClassRates() {
    boolean[] labels = {true, true, true, false};
    // positives: 2 of 3 above 0.5; negatives: 1 of 1 below
    double value =
        ClassifierMetrics.balancedAccuracy(new double[] {0.9, 0.5, 0.2, 0.1}, labels, 0.5);
    assertThat(value).isEqualTo((2 / 3.0 + 1) / 2);
  }

  @Test
  void needsBothClasses() {
    assertThatThrownBy(() -> ClassifierMetrics.auroc(new double[] {1}, new boolean[] {true}))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
