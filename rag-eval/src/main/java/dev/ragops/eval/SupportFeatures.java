package dev.ragops.eval;

import dev.ragops.model.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The evidence the offline judge weighs for one answer sentence. Only the sentence's <em>new</em>
 * content words count: those that are not function words and not in the question, since restating
 * the question claims nothing. A sentence with no new words gets 1 on every feature (it adds
 * nothing that could be unsupported).
 *
 * @param words share of the new content words that occur anywhere in the contexts
 * @param specifics share of the new names and numbers (words written with a capital or a digit)
 *     that occur in the contexts
 * @param focus share of the new content words that occur in the context sentence most similar to
 *     the answer sentence (cosine of their embeddings) or in the sentences just before and after
 *     it: the words must be found where the claim is about, not scattered over the passages
 */
record SupportFeatures(double words, double specifics, double focus) {

  double[] vector() {
    return new double[] {words, specifics, focus};
  }

  /**
   * Computes the features of each answer sentence. Embeds the answer sentences and the context
   * sentences in one call.
   */
  static List<SupportFeatures> of(
      String question, List<String> sentences, List<String> contexts, Embedder embedder) {
    List<String> contextSentences = new ArrayList<>();
    for (String context : contexts) {
      if (context != null) {
        contextSentences.addAll(SentenceSplitter.split(context));
      }
    }
    List<Set<String>> sentenceTerms =
        contextSentences.stream().map(s -> (Set<String>) new HashSet<>(Terms.forms(s))).toList();
    Set<String> contextTerms = new HashSet<>();
    sentenceTerms.forEach(contextTerms::addAll);
    Set<String> questionTerms = new HashSet<>(Terms.forms(question == null ? "" : question));

    List<String> texts = new ArrayList<>(sentences);
    texts.addAll(contextSentences);
    List<float[]> vectors = embedder.embedDocuments(texts);

    List<SupportFeatures> features = new ArrayList<>();
    for (int i = 0; i < sentences.size(); i++) {
      List<Terms.Term> fresh =
          Terms.of(sentences.get(i)).stream()
              .filter(t -> !questionTerms.contains(t.form()))
              .toList();
      int focus = mostSimilar(vectors.get(i), vectors.subList(sentences.size(), vectors.size()));
      Set<String> window = new HashSet<>();
      for (int j = Math.max(0, focus - 1);
          j <= Math.min(contextSentences.size() - 1, focus + 1);
          j++) {
        window.addAll(sentenceTerms.get(j));
      }
      features.add(
          new SupportFeatures(
              share(fresh, contextTerms),
              share(fresh.stream().filter(Terms.Term::specific).toList(), contextTerms),
              share(fresh, window)));
    }
    return features;
  }

  /** Share of {@code terms} found in {@code found}; 1 when there are no terms. */
  private static double share(List<Terms.Term> terms, Set<String> found) {
    if (terms.isEmpty()) {
      return 1;
    }
    return (double) terms.stream().filter(t -> found.contains(t.form())).count() / terms.size();
  }

  private static int mostSimilar(float[] vector, List<float[]> candidates) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < candidates.size(); j++) {
      double score = dot(vector, candidates.get(j));
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    return best;
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += a[i] * b[i];
    }
    return sum;
  }

  @Override
  public String toString() {
    return "SupportFeatures" + Arrays.toString(vector());
  }
}
