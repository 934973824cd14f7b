package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RegressionSpecTest {

  static final String SPEC =
      """
      name: mini
      dataset: mini-beir
      settings:
        modes: [keyword, hybrid]
        depth: 50
        rrfK: 30
      expected:
        keyword:
          ndcg@10: 0.50
          map: 0.40
        hybrid:
          ndcg@10: 0.60
      tolerance:
        ndcg@10: 0.02
        map: 0.01
      """;

  @Test
  void parsesSettingsExpectationsAndTolerances() {
    var spec = RegressionSpec.parse(SPEC, "file");
    assertThat(spec.name()).isEqualTo("mini");
    assertThat(spec.dataset()).isEqualTo("mini-beir");
    assertThat(spec.settings().modes()).containsExactly("keyword", "hybrid");
    assertThat(spec.settings().depth()).isEqualTo(50);
    assertThat(spec.settings().rrfK()).isEqualTo(30);
    assertThat(spec.metrics()).containsExactly(Metric.parse("ndcg@10"), Metric.parse("map"));
    assertThat(spec.tolerance()).containsEntry(Metric.parse("map"), 0.01);
  }

  @Test
  void verdictIsOkWithinToleranceOkishWithinOneAndAHalfAndFailBeyond() {
    assertThat(Verdict.of(0.51, 0.50, 0.02)).isEqualTo(Verdict.OK);
    assertThat(Verdict.of(0.48, 0.50, 0.02)).isEqualTo(Verdict.OK);
    assertThat(Verdict.of(0.525, 0.50, 0.02)).isEqualTo(Verdict.OKISH);
    assertThat(Verdict.of(0.53, 0.50, 0.02)).isEqualTo(Verdict.OKISH);
    assertThat(Verdict.of(0.531, 0.50, 0.02)).isEqualTo(Verdict.FAIL);
    assertThat(Verdict.of(0.40, 0.50, 0.02)).isEqualTo(Verdict.FAIL);
    assertThat(Verdict.of(0.60, 0.50, 0.02)).as("two-sided").isEqualTo(Verdict.FAIL);
  }

  @Test
  void checksEveryExpectationAndReportsTheWorstVerdict() {
    var spec = RegressionSpec.parse(SPEC, "file");
    var qrels = Qrels.parse(new StringReader("q\ta\t1\n"), "t");
    var ndcg = Metric.parse("ndcg@10");
    var map = Metric.parse("map");
    var keyword = new MetricsReport(List.of(ndcg, map), Map.of(), Map.of(ndcg, 0.505, map, 0.414));
    var hybrid = new MetricsReport(List.of(ndcg, map), Map.of(), Map.of(ndcg, 0.70, map, 0.0));

    var checks = spec.check(Map.of("keyword", keyword, "hybrid", hybrid));

    assertThat(checks)
        .extracting(RegressionSpec.Check::verdict)
        .containsExactly(Verdict.OK, Verdict.OKISH, Verdict.FAIL);
    assertThat(RegressionSpec.overall(checks)).isEqualTo(Verdict.FAIL);
    assertThat(RegressionSpec.overall(checks.subList(0, 2))).isEqualTo(Verdict.OKISH);
    assertThat(qrels.queryIds()).containsExactly("q");
  }

  @Test
  void rejectsSpecsThatCannotBeChecked() {
    assertThatThrownBy(() -> RegressionSpec.parse("expected:\n  keyword: {map: 0.3}\n", "s"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("tolerance");
    assertThatThrownBy(() ->
            RegressionSpec.parse(
                "expected:\n  keyword: {map: 0.3}\ntolerance: {ndcg@10: 0.1}\n", "s"))
        .hasMessageContaining("no value for map");
    assertThatThrownBy(() ->
            RegressionSpec.parse("expected:\n  fuzzy: {map: 0.3}\ntolerance: {map: 0.1}\n", "s"))
        .hasMessageContaining("unknown mode 'fuzzy'");
    assertThatThrownBy(() ->
            RegressionSpec.parse("expected:\n  keyword: {ndcg: 0.3}\ntolerance: {map: 0.1}\n", "s"))
        .hasMessageContaining("needs a cutoff");
    assertThatThrownBy(() -> RegressionSpec.parse("expectd: {}\n", "s"))
        .hasMessageContaining("unknown key 'expectd'");
    assertThatThrownBy(() -> RegressionSpec.parse("expected: [1, 2\n", "s"))
        .hasMessageContaining("not valid YAML");
  }

  @Test
  void modesDefaultToTheOnesWithExpectations() {
    var spec =
        RegressionSpec.parse(
            "expected:\n  vector: {recall@100: 0.9}\ntolerance: {recall@100: 0.01}\n", "s");
    assertThat(spec.name()).isEqualTo("s");
    assertThat(spec.settings().modes()).containsExactly("vector");
    assertThat(spec.settings().depth()).isEqualTo(100);
  }
}
