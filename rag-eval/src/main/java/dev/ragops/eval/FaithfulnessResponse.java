package dev.ragops.eval;

import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A judge's answer: the whole answer's support, which judge gave it, the threshold it uses, whether
 * the answer reaches it, and each sentence's support.
 */
@Serdeable
record FaithfulnessResponse(
    double score, String judge, double threshold, boolean faithful, List<Sentence> sentences) {

  @Serdeable
  record Sentence(String text, double score, boolean supported) {}

  static FaithfulnessResponse of(Judgement judgement) {
    return new FaithfulnessResponse(
        judgement.score(),
        judgement.judge(),
        judgement.threshold(),
        judgement.faithful(),
        judgement.sentences().stream()
            .map(s -> new Sentence(s.text(), s.score(), s.supported()))
            .toList());
  }
}
