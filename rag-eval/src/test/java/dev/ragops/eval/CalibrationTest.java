package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CalibrationTest {

  @Test
  void fitsALogisticModelThatRanksByTheInformativeFeature() {
    long seed = 7;
    var random = new Random(seed);
    List<double[]> x = new ArrayList<>();
    List<Boolean> y = new ArrayList<>();
    for (int i = 0; i < 400; i++) {
      boolean label = random.nextBoolean();
      double informative = (label ? 0.7 : 0.3) + random.nextGaussian() * 0.15;
      x.add(new double[] {informative, random.nextDouble()});
      y.add(label);
    }
    var model = Calibration.fit(x, y, 0.5);

    assertThat(model.weights()[0]).as("seed %d", seed).isGreaterThan(3);
    assertThat(Math.abs(model.weights()[1])).as("seed %d", seed).isLessThan(1);
    assertThat(model.probability(new double[] {0.9, 0.5})).isGreaterThan(0.8);
    assertThat(model.probability(new double[] {0.1, 0.5})).isLessThan(0.2);
    assertThat(Calibration.fit(x, y, 0.5)).as("deterministic").isEqualTo(model);
  }
}
