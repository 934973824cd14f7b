package dev.ragops.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HighlighterTest {

  @Test
  void marksQueryWordsAndTheirInflections() {
    var snippets =
        new Highlighter("how long does sourdough ferment")
            .snippets("The dough ferments in bulk. Sourdough fermentation takes hours.");

    assertThat(snippets).hasSize(1);
    assertThat(snippets.get(0))
        .contains("<em>ferments</em>")
        .contains("<em>Sourdough</em>")
        .contains("<em>fermentation</em>")
        .doesNotContain("<em>The</em>")
        .doesNotContain("<em>long</em>");
  }

  @Test
  void cutsSnippetsAroundDistantMatches() {
    String filler = "x ".repeat(200);
    var snippets = new Highlighter("wing").snippets("wing " + filler + " wing " + filler + " wing");

    assertThat(snippets).hasSize(3);
    assertThat(snippets.get(1)).startsWith("…").endsWith("…");
  }

  @Test
  void noMatchableWordsGiveNoSnippets() {
    assertThat(new Highlighter("the of ? !").snippets("the of text")).isEmpty();
    assertThat(new Highlighter("turbine").snippets("no such word here")).isEmpty();
  }

  @Test
  void treatsRegexCharactersInTheQueryLiterally() {
    assertThat(new Highlighter("c++ (lift)").snippets("lift and drag"))
        .containsExactly("<em>lift</em> and drag");
  }
}
