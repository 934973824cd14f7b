package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsReportTest {

  static final Qrels QRELS =
      Qrels.parse(
          new StringReader(
              """
              query-id\tcorpus-id\tscore
              q1\ta\t1
              q1\tb\t0
              q2\tc\t2
              q3\td\t0
              """),
          "test");

  @Test
  void averagesOverJudgedQueriesWithARelevantDocumentOnly() {
    var run =
        new Run()
            .add("q1", List.of(new Run.Entry("a", 1)))
            .add("q2", List.of(new Run.Entry("x", 1), new Run.Entry("c", 0.5)))
            .add("q3", List.of(new Run.Entry("d", 1)))
            .add("q9", List.of(new Run.Entry("a", 1)));
    var mrr = Metric.parse("mrr@10");
    var report = MetricsReport.evaluate(QRELS, run, List.of(mrr));

    // q3 has only a non-relevant judgment, q9 none: both left out
    assertThat(report.perQuery().keySet()).containsExactly("q1", "q2");
    assertThat(report.mean(mrr)).isEqualTo((1.0 + 0.5) / 2);
  }

  @Test
  void aJudgedQueryMissingFromTheRunCountsAsZero() {
    var run = new Run().add("q1", List.of(new Run.Entry("a", 1)));
    var recall = Metric.parse("recall@100");
    var report = MetricsReport.evaluate(QRELS, run, List.of(recall));

    assertThat(report.queries()).isEqualTo(2);
    assertThat(report.perQuery().get("q2").get(recall)).isZero();
    assertThat(report.mean(recall)).isEqualTo(0.5);
  }
}
