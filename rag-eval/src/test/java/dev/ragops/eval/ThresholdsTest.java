package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class ThresholdsTest {

  private final Thresholds ndcg =
      Thresholds.of(Map.of("ndcg@10", new Thresholds.Limit(0.3, 0.02)), 0.05);

  @Test
  void passesWithinTheDropAndAboveTheFloor() {
    assertThat(ndcg.breaches(Map.of("ndcg@10", 0.49), Map.of("ndcg@10", 0.50))).isEmpty();
    assertThat(ndcg.breaches(Map.of("ndcg@10", 0.48), Map.of("ndcg@10", 0.50))).isEmpty();
  }

  @Test
  void rejectsADropLargerThanMaxDrop() {
    var breaches = ndcg.breaches(Map.of("ndcg@10", 0.47), Map.of("ndcg@10", 0.50));
    assertThat(breaches)
        .singleElement()
        .satisfies(b -> {
          assertThat(b.rule()).isEqualTo("maxDrop");
          assertThat(b.describe()).contains("ndcg@10 dropped 0.0300");
        });
  }

  @Test
  void rejectsAValueBelowTheFloorEvenWithoutABaseline() {
    var breaches = ndcg.breaches(Map.of("ndcg@10", 0.2), null);
    assertThat(breaches).singleElement().extracting(Thresholds.Breach::rule).isEqualTo("floor");
  }

  @Test
  void countsAMissingMetricAsZero() {
    assertThat(ndcg.breaches(Map.of("map", 0.9), Map.of("ndcg@10", 0.5)))
        .extracting(Thresholds.Breach::rule)
        .containsExactlyInAnyOrder("floor", "maxDrop");
  }

  @Test
  void improvementsNeverBreach() {
    assertThat(ndcg.breaches(Map.of("ndcg@10", 0.9), Map.of("ndcg@10", 0.5))).isEmpty();
  }

  @Test
  void defaultsToNdcgMaxDrop() {
    assertThat(Thresholds.of(null, 0.05).asMap())
        .isEqualTo(Map.of("ndcg@10", Map.of("maxDrop", 0.05)));
  }

  @Test
  void rejectsLimitsThatMeanNothing() {
    assertThatThrownBy(() -> Thresholds.of(Map.of("map", new Thresholds.Limit(null, null)), 0.02))
        .hasMessageContaining("thresholds.map needs a floor or a maxDrop");
    assertThatThrownBy(() -> Thresholds.of(Map.of("map", new Thresholds.Limit(-1.0, null)), 0.02))
        .hasMessageContaining("thresholds.map.floor must be a number >= 0");
  }
}
