package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class QrelsTest {

  @Test
  void readsBeirTsvWithItsHeader() {
    var qrels =
        Qrels.parse(new StringReader("query-id\tcorpus-id\tscore\n1\t184\t3\n1\t29\t0\n"), "t");
    assertThat(qrels.queryIds()).containsExactly("1");
    assertThat(qrels.grades("1")).containsEntry("184", 3).containsEntry("29", 0);
    assertThat(qrels.relevantCount("1")).isEqualTo(1);
  }

  @Test
  void readsTrecQrels() {
    var qrels = Qrels.parse(new StringReader("301 0 FBIS3-10082 1\n301 0 FBIS3-10169 0\n\n"), "t");
    assertThat(qrels.grades("301")).containsEntry("FBIS3-10082", 1).hasSize(2);
  }

  @Test
  void rejectsMalformedLinesAndDuplicateJudgments() {
    assertThatThrownBy(() -> Qrels.parse(new StringReader("1\t2\n"), "x.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("x.tsv line 1");
    assertThatThrownBy(() -> Qrels.parse(new StringReader("1\td\t1\n1\td\t2\n"), "x.tsv"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
  }
}
