package dev.ragops.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ragops.model.Chunk;
import dev.ragops.model.LearnedModel;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LearnedRerankTest {

  private static final Instant NOW = Instant.parse("2026-12-04T00:00:00Z");

  private static Chunk chunk(String id, String title, int ordinal, Map<String, Object> metadata) {
    return new Chunk(
        id,
        "d-" + id,
        "c",
        "s",
        title,
        ordinal,
        "text",
        0,
        4,
        metadata,
        "",
        0,
        1,
        1,
        NOW.minusSeconds(86_400L * 10),
        List.of());
  }

  private static LearnedModel only(String feature, double weight) {
    return new LearnedModel(List.of(feature), List.of(weight), List.of(0.0), List.of(1.0));
  }

  @Test
  void extractsEveryFeatureWithAbsentLegsAtTheFloor() {
    var hit =
        new FusedHit(
            chunk("a", "Solar Panels: a guide", 3, Map.of("modified", "2026-11-04T00:00:00Z")),
            0.4,
            7.5,
            2,
            null,
            null);

    double[] x = LearnedRerank.features(hit, LearnedRerank.terms("solar wind panels"), 20, NOW);

    assertThat(x[0]).isEqualTo(7.5);
    assertThat(x[1]).isEqualTo(2);
    assertThat(x[2]).isEqualTo(0);
    assertThat(x[3]).isEqualTo(21);
    assertThat(x[4]).isCloseTo(2 / 3.0, within(1e-12));
    assertThat(x[5]).isEqualTo(3);
    assertThat(x[6]).isCloseTo(30, within(1e-9));
  }

  @Test
  void ageFallsBackToIndexTimeWhenTheSourceHasNoModificationTime() {
    var hit =
        new FusedHit(chunk("a", "", 0, Map.of("modified", "yesterday")), 0, null, null, 0.9, 1);

    double[] x = LearnedRerank.features(hit, LearnedRerank.terms(""), 5, NOW);

    assertThat(x[1]).isEqualTo(6);
    assertThat(x[4]).isZero();
    assertThat(x[6]).isCloseTo(10, within(1e-9));
  }

  @Test
  void ordersByTheModelScoreAndKeepsTheFusedOrderOnTies() {
    var hits =
        List.of(
            new FusedHit(chunk("a", "other", 0, Map.of()), 0.9, 1.0, 1, 0.5, 3),
            new FusedHit(chunk("b", "wind power", 0, Map.of()), 0.8, 0.5, 2, 0.6, 2),
            new FusedHit(chunk("c", "other", 0, Map.of()), 0.7, 0.2, 3, 0.7, 1),
            new FusedHit(chunk("d", "wind", 0, Map.of()), 0.6, null, null, 0.1, 4));
    var model =
        new LearnedModel(
            List.of("titleMatch", "vectorRank"),
            List.of(1.0, -0.001),
            List.of(0.5, 0.0),
            List.of(0.5, 1.0));

    var reranked = new LearnedRerank(model, NOW).rerank("wind power", hits);

    // title match 1, 0.5, 0, 0; the small vector-rank weight breaks the title ties.
    assertThat(reranked).extracting(h -> h.chunk().id()).containsExactly("b", "d", "c", "a");
    assertThat(reranked.get(0).rerankScore()).isCloseTo(1 - 0.002, within(1e-12));
    assertThat(reranked.get(0).finalScore()).isEqualTo(reranked.get(0).rerankScore());

    var tied = new LearnedRerank(only("ordinal", 1.0), NOW).rerank("x", hits);
    assertThat(tied).extracting(h -> h.chunk().id()).containsExactly("a", "b", "c", "d");
  }

  @Test
  void normalizationIsPartOfTheModel() {
    var model = new LearnedModel(List.of("keywordScore"), List.of(2.0), List.of(4.0), List.of(2.0));
    double[] x = {8, 0, 0, 0, 0, 0, 0};

    assertThat(model.score(x)).isCloseTo(4.0, within(1e-12));
    assertThat(LearnedModel.fromMap(model.toMap())).isEqualTo(model);
  }

  @Test
  void rejectsInvalidModels() {
    assertThatThrownBy(() -> only("clicks", 1.0))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("clicks");
    assertThatThrownBy(
            () -> new LearnedModel(List.of("ordinal"), List.of(1.0), List.of(0.0), List.of(0.0)))
        .hasMessageContaining("scales positive");
    assertThatThrownBy(() ->
            new LearnedModel(List.of("ordinal"), List.of(1.0, 2.0), List.of(0.0), List.of(1.0)))
        .hasMessageContaining("one weight");
    assertThatThrownBy(() ->
            new LearnedModel(
                List.of("ordinal", "ordinal"),
                List.of(1.0, 1.0),
                List.of(0.0, 0.0),
                List.of(1.0, 1.0)))
        .hasMessageContaining("distinct");
    assertThatThrownBy(() -> LearnedModel.fromMap(Map.of("features", "ordinal")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
