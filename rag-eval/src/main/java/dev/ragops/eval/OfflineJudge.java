package dev.ragops.eval;

import dev.ragops.model.Embedder;
import java.util.ArrayList;
import java.util.List;

/**
 * A faithfulness judge that needs no external service. It splits the answer into sentences ({@link
 * SentenceSplitter}), measures each sentence's support by the contexts ({@link SupportFeatures}:
 * coverage of its new content words, of its names and numbers, and of its words in the context
 * sentence its embedding is closest to) and turns the three into a probability with a logistic
 * model calibrated on halueval-qa (see the module README). The answer's score is the mean of its
 * sentences' scores averaged with the lowest one, so one unsupported sentence in a long answer
 * still shows. Answer length is not a feature.
 */
final class OfflineJudge implements FaithfulnessJudge {

  static final String NAME = "offline";

  /**
   * Fitted by {@code HaluEvalIT} on all 250 halueval-qa questions: the right answer written as a
   * sentence against the hallucinated answer; features in {@link SupportFeatures} order.
   */
  static final Calibration CALIBRATION =
      new Calibration(new double[] {2.51, 1.18, 1.17}, -3.80, 0.5);

  /** Largest answer and total context the judge accepts, in characters. */
  static final int MAX_ANSWER = 10_000;

  static final int MAX_CONTEXT = 100_000;

  private final Embedder embedder;
  private final Calibration calibration;

  OfflineJudge(Embedder embedder) {
    this(embedder, CALIBRATION);
  }

  OfflineJudge(Embedder embedder, Calibration calibration) {
    this.embedder = embedder;
    this.calibration = calibration;
  }

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Judgement judge(String question, String answer, List<String> contexts) {
    FaithfulnessJudge.requireValid(question, answer, contexts);
    if (answer.length() > MAX_ANSWER) {
      throw new IllegalArgumentException("answer must be at most " + MAX_ANSWER + " characters");
    }
    if (contexts.stream().mapToInt(c -> c == null ? 0 : c.length()).sum() > MAX_CONTEXT) {
      throw new IllegalArgumentException(
          "contexts must be at most " + MAX_CONTEXT + " characters in total");
    }
    List<String> sentences = sentences(answer);
    List<SupportFeatures> features = SupportFeatures.of(question, sentences, contexts, embedder);
    List<Judgement.Sentence> judged = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      double p = calibration.probability(features.get(i).vector());
      judged.add(new Judgement.Sentence(sentences.get(i), p, p >= calibration.threshold()));
    }
    return new Judgement(NAME, aggregate(judged), calibration.threshold(), judged);
  }

  /** The sentences to judge; an answer with no sentence boundary is one sentence. */
  static List<String> sentences(String answer) {
    List<String> sentences = SentenceSplitter.split(answer);
    return sentences.isEmpty() ? List.of(answer.strip()) : sentences;
  }

  /** Mean sentence score averaged with the lowest sentence score. */
  static double aggregate(List<Judgement.Sentence> sentences) {
    double mean = sentences.stream().mapToDouble(Judgement.Sentence::score).average().orElse(0);
    double min = sentences.stream().mapToDouble(Judgement.Sentence::score).min().orElse(0);
    return (mean + min) / 2;
  }
}
