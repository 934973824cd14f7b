package dev.ragops.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ragops.model.Chunk;
import dev.ragops.model.ScoredChunk;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReciprocalRankFusionTest {

  private static ScoredChunk hit(String id, double score) {
    return new ScoredChunk(
        new Chunk(id, "d-" + id, "c", "s", "t", 0, "text " + id, 0, 6, Map.of()), score);
  }

  @Test
  void sumsReciprocalRanksAcrossLegs() {
    var fused =
        new ReciprocalRankFusion(60)
            .fuse(List.of(hit("a", 9.0), hit("b", 5.0)), List.of(hit("b", 0.9), hit("c", 0.8)));

    assertThat(fused).extracting(h -> h.chunk().id()).containsExactly("b", "a", "c");
    assertThat(fused.get(0).fused()).isCloseTo(1.0 / 62 + 1.0 / 61, within(1e-12));
    assertThat(fused.get(1).fused()).isCloseTo(1.0 / 61, within(1e-12));
    assertThat(fused.get(2).fused()).isCloseTo(1.0 / 62, within(1e-12));
  }

  @Test
  void keepsEachLegsScoreAndRank() {
    var fused =
        new ReciprocalRankFusion(60)
            .fuse(List.of(hit("a", 9.0)), List.of(hit("b", 0.5), hit("a", 0.4)));

    var a = fused.stream().filter(h -> h.chunk().id().equals("a")).findFirst().orElseThrow();
    assertThat(a.keywordScore()).isEqualTo(9.0);
    assertThat(a.keywordRank()).isEqualTo(1);
    assertThat(a.vectorScore()).isEqualTo(0.4);
    assertThat(a.vectorRank()).isEqualTo(2);
    var b = fused.stream().filter(h -> h.chunk().id().equals("b")).findFirst().orElseThrow();
    assertThat(b.keywordRank()).isNull();
  }

  @Test
  void breaksTiesByChunkId() {
    var fused = new ReciprocalRankFusion(60).fuse(List.of(hit("z", 1.0)), List.of(hit("m", 1.0)));

    assertThat(fused).extracting(h -> h.chunk().id()).containsExactly("m", "z");
  }

  @Test
  void smallerKFavoursTopRanksMore() {
    // c is fourth in both legs, a first in one: 2/(k+4) beats 1/(k+1) only for large k
    var keyword = List.of(hit("a", 1.0), hit("b", 0.9), hit("d", 0.8), hit("c", 0.7));
    var vector = List.of(hit("x", 1.0), hit("y", 0.9), hit("z", 0.8), hit("c", 0.7));

    assertThat(new ReciprocalRankFusion(1).fuse(keyword, vector).get(0).chunk().id())
        .isEqualTo("a");
    assertThat(new ReciprocalRankFusion(60).fuse(keyword, vector).get(0).chunk().id())
        .isEqualTo("c");
  }

  @Test
  void rejectsNonPositiveK() {
    assertThatThrownBy(() -> new ReciprocalRankFusion(0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("at least 1");
  }

  @Test
  void emptyLegsGiveNothing() {
    assertThat(new ReciprocalRankFusion(60).fuse(List.of(), List.of())).isEmpty();
  }
}
