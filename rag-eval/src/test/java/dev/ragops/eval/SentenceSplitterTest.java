package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class SentenceSplitterTest {

  @Test
  void splitsOnSentenceEndsFollowedByANewSentence() {
    assertThat(
            SentenceSplitter.split(
                "The wing stalls. Lift drops! Why? Because \"air separates.\" Done"))
        .containsExactly(
            "The wing stalls.", "Lift drops!", "Why?", "Because \"air separates.\"", "Done");
  }

  @Test
  void splitsPassagesGluedWithoutASpace() {
    assertThat(
            SentenceSplitter.split("published in the 19th century.First for Women is a magazine."))
        .containsExactly("published in the 19th century.", "First for Women is a magazine.");
  }

  @Test
  void keepsAbbreviationsInitialsAndNumbersTogether() {
    assertThat(
            SentenceSplitter.split(
                "J. R. R. Tolkien met Dr. Smith in the U.S. in 1950. The track is 6.213 km long."))
        .containsExactly(
            "J. R. R. Tolkien met Dr. Smith in the U.S. in 1950.", "The track is 6.213 km long.");
  }

  @Test
  void lineBreaksEndSentencesAndEmptyPiecesAreDropped() {
    assertThat(SentenceSplitter.split("- first item\n- second item\n\n...\n"))
        .containsExactly("- first item", "- second item");
  }

  @Test
  void aLowerCaseContinuationIsNotANewSentence() {
    assertThat(SentenceSplitter.split("It is approx. three metres. e.g. this")).hasSize(1);
    assertThat(SentenceSplitter.split("Costs rose (by 5 percent.) and fell.")).hasSize(1);
  }
}
