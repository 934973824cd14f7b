package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class CrossValidationTest {

  @Test
  void aCandidateBetterOnEveryCaseIsChosenInEveryFoldAndGains() {
    double[] baseline = {0.1, 0.2, 0.3, 0.4};
    double[][] scores = {{0.1, 0.2, 0.3, 0.4}, {0.5, 0.6, 0.7, 0.8}};

    var cv = CrossValidation.run(scores, baseline, 2, 42);

    assertThat(cv.chosen()).isEqualTo(1);
    assertThat(cv.folds()).allMatch(f -> f.chosen() == 1);
    assertThat(cv.folds()).extracting(CrossValidation.Fold::cases).containsExactly(2, 2);
    assertThat(cv.heldOutBaseline()).isCloseTo(0.25, within(1e-12));
    assertThat(cv.heldOutTuned()).isCloseTo(0.65, within(1e-12));
    assertThat(cv.gain()).isCloseTo(0.4, within(1e-12));
  }

  @Test
  void aCandidateThatOnlyFitsItsTrainingCasesLosesOnHeldOutCases() {
    // leave-one-out: candidate c is perfect on case c only, the baseline is fair everywhere
    double[] baseline = {0.5, 0.5, 0.5};
    double[][] scores = {{1, 0, 0}, {0, 1, 0}, {0, 0, 1}};

    var cv = CrossValidation.run(scores, baseline, 3, 7);

    // without case i, the candidates perfect on the other two tie and the first wins; it is 0 on i
    assertThat(cv.heldOutTuned()).isZero();
    assertThat(cv.gain()).isCloseTo(-0.5, within(1e-12));
    assertThat(cv.chosen()).isZero();
  }

  @Test
  void theSameSeedDealsTheSameFolds() {
    double[] baseline = {0.3, 0.1, 0.9, 0.4, 0.2};
    double[][] scores = {{0.2, 0.4, 0.1, 0.9, 0.5}, {0.6, 0.1, 0.3, 0.2, 0.8}};

    assertThat(CrossValidation.run(scores, baseline, 2, 5))
        .isEqualTo(CrossValidation.run(scores, baseline, 2, 5));
  }

  @Test
  void rejectsTooFewOrTooManyFolds() {
    double[][] scores = {{1, 2}};
    assertThatThrownBy(() -> CrossValidation.run(scores, new double[] {1, 2}, 1, 0))
        .hasMessageContaining("folds");
    assertThatThrownBy(() -> CrossValidation.run(scores, new double[] {1, 2}, 3, 0))
        .hasMessageContaining("folds");
  }
}
