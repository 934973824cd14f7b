package dev.ragops.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.ragops.model.Embedder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/**
 * What every {@link Embedder} does: one unit vector of {@link Embedder#dimension()} floats per
 * text, in input order; a text's vector does not depend (beyond {@link #tolerance()}) on the call,
 * the batch or the concurrent callers it came with; queries land near their passages.
 */
public abstract class EmbedderContract {

  /** Texts of mixed lengths, so that batches pad; the last is empty. */
  protected static final List<String> TEXTS =
      List.of(
          "To reset your password, open Settings, choose Security and click 'Forgot password'."
              + " A reset link is sent to your e-mail address and expires after one hour.",
          "Aircraft wings generate lift because air flows faster over the curved upper surface.",
          "Paris is the capital of France.",
          "A short one.",
          "PostgreSQL stores vectors with the pgvector extension and indexes them with HNSW graphs,"
              + " which trade a little recall for much faster approximate nearest neighbour search"
              + " over millions of rows.",
          "");

  /** The embedder under test; may return the same instance every time. */
  protected abstract Embedder embedder();

  /**
   * Largest cosine distance (1 - cosine similarity) accepted between two vectors of the same text
   * computed in different calls or batches. 1e-4 by default, for fp32 models; quantized models,
   * whose output depends on the batch, override it.
   */
  protected double tolerance() {
    return 1e-4;
  }

  @Test
  void reportsAModelIdAndAPositiveDimension() {
    assertThat(embedder().modelId()).isNotBlank();
    assertThat(embedder().dimension()).isPositive();
  }

  @Test
  void returnsOneUnitVectorOfTheModelDimensionPerText() {
    List<float[]> vectors = embedder().embedDocuments(TEXTS);

    assertThat(vectors).hasSize(TEXTS.size());
    for (float[] vector : vectors) {
      assertThat(vector).hasSize(embedder().dimension());
      assertThat(Math.sqrt(dot(vector, vector))).isCloseTo(1.0, within(1e-5));
    }
  }

  @Test
  void batchedVectorsMatchSingleTextVectorsInInputOrder() {
    List<float[]> batched = embedder().embedDocuments(TEXTS);

    for (int i = 0; i < TEXTS.size(); i++) {
      float[] single = embedder().embedDocuments(List.of(TEXTS.get(i))).get(0);
      assertSameText(single, batched.get(i), "text " + i);
    }
  }

  @Test
  void sameInputGivesTheSameVectors() {
    List<float[]> first = embedder().embedDocuments(TEXTS);
    List<float[]> second = embedder().embedDocuments(TEXTS);

    for (int i = 0; i < TEXTS.size(); i++) {
      assertSameText(first.get(i), second.get(i), "text " + i);
    }
  }

  @Test
  void returnsNothingForNoTexts() {
    assertThat(embedder().embedDocuments(List.of())).isEmpty();
  }

  @Test
  void rejectsANullText() {
    assertThatThrownBy(() -> embedder().embedDocuments(Arrays.asList("fine", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("texts[1]");
  }

  @Test
  void embedsAQueryNearItsPassage() {
    float[] query = embedder().embedQuery("How do I reset my password?");
    List<float[]> passages = embedder().embedDocuments(TEXTS.subList(0, 2));

    assertThat(query).hasSize(embedder().dimension());
    assertThat(Math.sqrt(dot(query, query))).isCloseTo(1.0, within(1e-5));
    assertThat(dot(query, passages.get(0))).isGreaterThan(dot(query, passages.get(1)) + 0.1);
  }

  @Test
  void concurrentCallersGetTheVectorsOfTheirOwnTexts() throws Exception {
    List<float[]> expected = new ArrayList<>();
    for (String text : TEXTS) {
      expected.add(embedder().embedDocuments(List.of(text)).get(0));
    }

    try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
      List<Future<List<float[]>>> results = new ArrayList<>();
      for (int call = 0; call < 12; call++) {
        List<String> rotated = rotated(call % TEXTS.size());
        results.add(callers.submit(() -> embedder().embedDocuments(rotated)));
      }
      for (int call = 0; call < results.size(); call++) {
        List<float[]> actual = results.get(call).get();
        int shift = call % TEXTS.size();
        for (int i = 0; i < TEXTS.size(); i++) {
          int text = (i + shift) % TEXTS.size();
          assertSameText(expected.get(text), actual.get(i), "call " + call + ", text " + text);
        }
      }
    }
  }

  private static List<String> rotated(int shift) {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < TEXTS.size(); i++) {
      texts.add(TEXTS.get((i + shift) % TEXTS.size()));
    }
    return texts;
  }

  /** Fails unless both vectors are within {@link #tolerance()} cosine distance. */
  protected void assertSameText(float[] expected, float[] actual, String what) {
    assertThat(actual).as(what).hasSize(expected.length);
    double cosine =
        dot(expected, actual) / Math.sqrt(dot(expected, expected) * dot(actual, actual));
    assertThat(1 - cosine).as("%s: cosine distance", what).isLessThanOrEqualTo(tolerance());
  }

  protected static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }
}
