package dev.ragops.eval;

import java.util.List;

/**
 * A judge's verdict on one answer.
 *
 * @param score support of the whole answer, 0 to 1
 * @param judge the judge's name
 * @param threshold the score at or above which the answer, or a sentence, counts as supported
 * @param sentences the answer's sentences in order, each with its own score
 */
record Judgement(String judge, double score, double threshold, List<Sentence> sentences) {

  /** One answer sentence: its support, 0 to 1, and whether that reaches the threshold. */
  record Sentence(String text, double score, boolean supported) {}

  Judgement {
    sentences = List.copyOf(sentences);
    if (!(score >= 0 && score <= 1)) {
      throw new IllegalArgumentException("score must be in [0, 1], got " + score);
    }
  }

  boolean faithful() {
    return score >= threshold;
  }

  /** The sentences below the threshold. */
  List<String> unsupported() {
    return sentences.stream().filter(s -> !s.supported()).map(Sentence::text).toList();
  }
}
