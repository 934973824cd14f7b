package dev.ragops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.Filter.Compare;
import dev.ragops.model.Filter.Op;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FilterSyntaxTest {

  @Test
  void absentOrEmptyFilterMatchesEverything() {
    assertThat(FilterSyntax.parse(null).matchesEverything()).isTrue();
    assertThat(FilterSyntax.parse(Map.of()).matchesEverything()).isTrue();
  }

  @Test
  void bareValueMeansEquality() {
    assertThat(FilterSyntax.parse(Map.of("team", "docs")))
        .isEqualTo(new Compare("team", Op.EQ, "docs"));
  }

  @Test
  void numbersBecomeDoubles() {
    assertThat(FilterSyntax.parse(Map.of("year", Map.of("$gte", 2020))))
        .isEqualTo(new Compare("year", Op.GTE, 2020.0));
  }

  @Test
  void severalOperatorsOnOneFieldAreAnded() {
    var parsed = FilterSyntax.parse(Map.of("year", orderedMap("$gte", 2020, "$lt", 2024)));

    assertThat(parsed)
        .isEqualTo(
            new Filter.And(
                List.of(new Compare("year", Op.GTE, 2020.0), new Compare("year", Op.LT, 2024.0))));
  }

  @Test
  void readsInNinAndOr() {
    var parsed =
        FilterSyntax.parse(
            Map.of(
                "$or",
                List.of(
                    Map.of("lang", Map.of("$in", List.of("en", "de"))),
                    Map.of("lang", Map.of("$nin", List.of("fr"))))));

    assertThat(parsed)
        .isEqualTo(
            new Filter.Or(
                List.of(
                    new Filter.In("lang", List.of("en", "de"), false),
                    new Filter.In("lang", List.of("fr"), true))));
  }

  @Test
  void rejectsUnknownOperatorNamingThePath() {
    assertThatThrownBy(() -> FilterSyntax.parse(Map.of("year", Map.of("$between", 1))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("filter.year.$between: unknown operator");
  }

  @Test
  void rejectsRangeOnBoolean() {
    assertThatThrownBy(() -> FilterSyntax.parse(Map.of("draft", Map.of("$gt", true))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("filter.draft.$gt");
  }

  @Test
  void rejectsNonListForInAndOr() {
    assertThatThrownBy(() -> FilterSyntax.parse(Map.of("lang", Map.of("$in", "en"))))
        .hasMessageContaining("filter.lang.$in: must be a list");
    assertThatThrownBy(() -> FilterSyntax.parse(Map.of("$or", Map.of("a", 1))))
        .hasMessageContaining("filter.$or: must be a list");
  }

  @Test
  void rejectsNestedObjectsAsValues() {
    assertThatThrownBy(() -> FilterSyntax.parse(Map.of("a", Map.of("$eq", Map.of("b", 1)))))
        .hasMessageContaining("filter.a.$eq: must be a string, a number or a boolean");
  }

  private static Map<String, Object> orderedMap(String k1, Object v1, String k2, Object v2) {
    var map = new java.util.LinkedHashMap<String, Object>();
    map.put(k1, v1);
    map.put(k2, v2);
    return map;
  }
}
