package dev.ragops.eval;

import java.util.List;

/**
 * Scores how well retrieved contexts support an answer: 0 (nothing supported) to 1 (everything
 * supported), sentence by sentence. Two implementations: {@link OfflineJudge} (lexical and
 * embedding evidence, no external service) and {@link LlmJudge} (an OpenAI-compatible chat model
 * that extracts and verifies claims).
 */
interface FaithfulnessJudge {

  /** The judge's name in responses and reports: {@code offline} or {@code llm}. */
  String name();

  /**
   * Judges {@code answer} against {@code contexts}.
   *
   * @param question what was asked; may be empty (a summary has none)
   * @throws IllegalArgumentException if the answer is blank or no context has text
   */
  Judgement judge(String question, String answer, List<String> contexts);

  /** Checks the arguments every judge takes. */
  static void requireValid(String question, String answer, List<String> contexts) {
    if (answer == null || answer.isBlank()) {
      throw new IllegalArgumentException("answer must not be empty");
    }
    if (contexts == null || contexts.stream().allMatch(c -> c == null || c.isBlank())) {
      throw new IllegalArgumentException("contexts must hold at least one non-empty passage");
    }
    if (question != null && question.length() > 10_000) {
      throw new IllegalArgumentException("question must be at most 10000 characters");
    }
  }
}
