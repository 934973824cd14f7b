package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MetricTest {

  @Test
  void parsesAndPrintsNames() {
    for (String name : new String[] {"ndcg@10", "recall@100", "p@5", "mrr@10", "map", "rprec"}) {
      assertThat(Metric.parse(name).toString()).isEqualTo(name);
    }
    assertThat(Metric.parse(" NDCG@10 ")).isEqualTo(Metric.parse("ndcg@10"));
  }

  @Test
  void rejectsUnknownNamesAndMisplacedCutoffs() {
    assertThatThrownBy(() -> Metric.parse("bpref")).hasMessageContaining("unknown metric");
    assertThatThrownBy(() -> Metric.parse("recall")).hasMessageContaining("needs a cutoff");
    assertThatThrownBy(() -> Metric.parse("map@10")).hasMessageContaining("takes no cutoff");
    assertThatThrownBy(() -> Metric.parse("ndcg@0")).hasMessageContaining("cutoff >= 1");
  }
}
