package dev.ragops.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ragops.model.Chunk;
import dev.ragops.model.ScoredChunk;
import dev.ragops.retrieval.WeightedFusion.Normalization;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class WeightedFusionTest {

  private static ScoredChunk hit(String id, double score) {
    return new ScoredChunk(new Chunk(id, "d-" + id, "c", "s", "t", 0, "x", 0, 1, Map.of()), score);
  }

  @Test
  void minMaxNormalizesEachLegThenWeights() {
    var keyword = List.of(hit("a", 10.0), hit("b", 5.0), hit("c", 0.0));
    var vector = List.of(hit("c", 0.9), hit("b", 0.7), hit("a", 0.5));

    var fused = new WeightedFusion(0.25, 0.75, Normalization.MINMAX).fuse(keyword, vector);

    // a: 0.25*1 + 0.75*0 = 0.25; b: 0.25*0.5 + 0.75*0.5 = 0.5; c: 0 + 0.75*1 = 0.75
    assertThat(fused).extracting(h -> h.chunk().id()).containsExactly("c", "b", "a");
    assertThat(fused.get(0).fused()).isCloseTo(0.75, within(1e-12));
    assertThat(fused.get(1).fused()).isCloseTo(0.5, within(1e-12));
    assertThat(fused.get(2).fused()).isCloseTo(0.25, within(1e-12));
  }

  @Test
  void missingFromALegCountsAsThatLegsFloor() {
    var fused =
        new WeightedFusion(0.5, 0.5, Normalization.MINMAX)
            .fuse(List.of(hit("a", 3.0), hit("b", 1.0)), List.of(hit("z", 0.8)));

    var z = fused.stream().filter(h -> h.chunk().id().equals("z")).findFirst().orElseThrow();
    assertThat(z.fused()).isCloseTo(0.5, within(1e-12));
    assertThat(z.keywordRank()).isNull();
  }

  @Test
  void zScoreCentersEachLeg() {
    var fused =
        new WeightedFusion(1, 0, Normalization.ZSCORE)
            .fuse(List.of(hit("a", 3.0), hit("b", 1.0)), List.of());

    assertThat(fused.get(0).fused()).isCloseTo(1.0, within(1e-12));
    assertThat(fused.get(1).fused()).isCloseTo(-1.0, within(1e-12));
  }

  @Test
  void equalScoresDoNotDivideByZero() {
    var fused =
        new WeightedFusion(0.5, 0.5, Normalization.MINMAX)
            .fuse(List.of(hit("a", 2.0), hit("b", 2.0)), List.of());

    assertThat(fused).extracting(FusedHit::fused).containsExactly(0.5, 0.5);
    assertThat(fused).extracting(h -> h.chunk().id()).containsExactly("a", "b");
  }

  @Test
  void rejectsNegativeOrAllZeroWeights() {
    assertThatThrownBy(() -> new WeightedFusion(-1, 1, Normalization.MINMAX))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> new WeightedFusion(0, 0, Normalization.MINMAX))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
