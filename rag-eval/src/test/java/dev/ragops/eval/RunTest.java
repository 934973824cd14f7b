package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;

class RunTest {

  @Test
  void ordersByScoreThenBreaksTiesByDocumentIdDescendingAsTrecEval() {
    var run =
        new Run()
            .add(
                "q1",
                List.of(
                    new Run.Entry("a", 0.5),
                    new Run.Entry("b", 0.9),
                    new Run.Entry("c", 0.5),
                    new Run.Entry("d10", 0.5),
                    new Run.Entry("d9", 0.5)));
    // strcmp order descending: "d9" > "d10" > "c" > "a"
    assertThat(run.ranking("q1")).containsExactly("b", "d9", "d10", "c", "a");
  }

  @Test
  void theInsertionOrderDoesNotMatterOnlyTheScores() {
    var run = new Run().add("q", List.of(new Run.Entry("x", 1), new Run.Entry("y", 2)));
    assertThat(run.ranking("q")).containsExactly("y", "x");
  }

  @Test
  void tiesBetweenNonAsciiIdsFollowUtf8ByteOrder() {
    // U+FF21 (3 UTF-8 bytes, EF BC A1) sorts after U+1F600 (F0 ...) in UTF-16 but before it in
    // UTF-8
    String fullwidth = "\uFF21";
    String emoji = new String(Character.toChars(0x1F600));
    var run = new Run().add("q", List.of(new Run.Entry(fullwidth, 1), new Run.Entry(emoji, 1)));
    assertThat(run.ranking("q")).containsExactly(emoji, fullwidth);
  }

  @Test
  void collapsesChunksToDocumentsByFirstOccurrenceThenCutsAtDepth() {
    var run =
        new Run()
            .addChunks(
                "q",
                List.of("d1", "d2", "d1", "d3", "d2", "d4"),
                List.of(0.9, 0.8, 0.7, 0.6, 0.5, 0.4),
                3);
    assertThat(run.ranking("q")).containsExactly("d1", "d2", "d3");
  }

  @Test
  void rejectsDuplicateDocumentsAndQueries() {
    assertThatThrownBy(
            () -> new Run().add("q", List.of(new Run.Entry("a", 1), new Run.Entry("a", 0.5))))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("twice");
    var run = new Run().add("q", List.of());
    assertThatThrownBy(() -> run.add("q", List.of())).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void writesTrecRunFilesInTrecEvalOrder() {
    var run =
        new Run()
            .add("1", List.of(new Run.Entry("a", 0.25), new Run.Entry("b", 0.5)))
            .add("2", List.of(new Run.Entry("c", 1.0E-4)));
    var out = new StringWriter();
    run.writeTrec(out, "bm25");
    assertThat(out.toString())
        .isEqualTo("1 Q0 b 1 0.5 bm25\n1 Q0 a 2 0.25 bm25\n2 Q0 c 1 1.0E-4 bm25\n");
  }

  @Test
  void aQueryThatRetrievedNothingHasAnEmptyRanking() {
    assertThat(new Run().ranking("missing")).isEmpty();
  }
}
