package dev.ragops.embedder;

import static dev.ragops.embedder.VectorAssertions.assertUnitLength;
import static dev.ragops.embedder.VectorAssertions.cosine;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlEmbedderTest {

  /**
   * bge-small int8 quantizes activations per batch, so a text's vector depends slightly on the
   * other texts of its batch (measured cosine about 0.997 against a single-text call).
   */
  private static final double BATCH_COSINE_TOLERANCE = 0.99;

  private static final List<String> TEXTS =
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

  @TempDir static Path cacheDir;
  private static DjlEmbedder embedder;

  @BeforeAll
  static void load() {
    embedder = DjlEmbedder.create(new EmbedderConfig(null, cacheDir, 2, 4, null));
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Test
  void describesTheDefaultModel() {
    assertEquals("bge-small-en-v1.5-q", embedder.modelId());
    assertEquals(384, embedder.dimension());
    assertEquals("cpu()", embedder.device());
  }

  @Test
  void returnsOneUnitVectorOf384FloatsPerText() {
    List<float[]> vectors = embedder.embedDocuments(TEXTS);

    assertEquals(TEXTS.size(), vectors.size());
    for (float[] vector : vectors) {
      assertEquals(384, vector.length);
      assertUnitLength(vector);
    }
  }

  @Test
  void batchedVectorsMatchSingleTextVectorsInInputOrder() {
    // batch size 4 and texts of mixed lengths: sorted into two batches, padded
    List<float[]> batched = embedder.embedDocuments(TEXTS);

    for (int i = 0; i < TEXTS.size(); i++) {
      float[] single = embedder.embedDocuments(List.of(TEXTS.get(i))).get(0);
      double similarity = cosine(single, batched.get(i));
      assertTrue(
          similarity >= BATCH_COSINE_TOLERANCE,
          "text " + i + ": cosine " + similarity + " too low");
    }
  }

  @Test
  void sameInputGivesIdenticalVectors() {
    List<float[]> first = embedder.embedDocuments(TEXTS);
    List<float[]> second = embedder.embedDocuments(TEXTS);

    for (int i = 0; i < TEXTS.size(); i++) {
      assertArrayEquals(first.get(i), second.get(i), "text " + i);
    }
  }

  @Test
  void ranksThePasswordResetPassageAboveTheAircraftPassage() {
    float[] query = embedder.embedQuery("How do I reset my password?");
    List<float[]> passages = embedder.embedDocuments(TEXTS.subList(0, 2));

    double password = cosine(query, passages.get(0));
    double aircraft = cosine(query, passages.get(1));
    assertTrue(
        password > aircraft + 0.1,
        "password " + password + " vs aircraft " + aircraft + " passage");
  }

  @Test
  void embedsQueriesWithTheInstructionPrefix() {
    String query = "How do I reset my password?";
    float[] asQuery = embedder.embedQuery(query);

    assertArrayEquals(
        embedder
            .embedDocuments(
                List.of("Represent this sentence for searching relevant passages: " + query))
            .get(0),
        asQuery);
    assertFalse(Arrays.equals(embedder.embedDocuments(List.of(query)).get(0), asQuery));
  }

  @Test
  void truncatesTextsLongerThanTheModelLimit() {
    String longText = "retrieval augmented generation ".repeat(600); // about 1800 tokens
    float[] truncated = embedder.embedDocuments(List.of(longText)).get(0);
    float[] withMoreAfterTheLimit =
        embedder.embedDocuments(List.of(longText + " and a different ending")).get(0);

    assertUnitLength(truncated);
    assertArrayEquals(truncated, withMoreAfterTheLimit);
  }

  @Test
  void returnsNothingForNoTexts() {
    assertEquals(List.of(), embedder.embedDocuments(List.of()));
  }

  @Test
  void rejectsANullText() {
    List<String> texts = Arrays.asList("fine", null);
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> embedder.embedDocuments(texts));
    assertEquals("texts[1] is null", e.getMessage());
  }

  @Test
  void concurrentCallsGiveTheSameVectorsAsSequentialCalls() throws Exception {
    List<float[]> expected = embedder.embedDocuments(TEXTS);

    // 4 threads on a pool of 2 predictors: callers also wait for a free predictor
    try (ExecutorService threads = Executors.newFixedThreadPool(4)) {
      List<Future<List<float[]>>> results = new ArrayList<>();
      for (int call = 0; call < 12; call++) {
        results.add(threads.submit(() -> embedder.embedDocuments(TEXTS)));
      }
      for (Future<List<float[]>> result : results) {
        List<float[]> actual = result.get();
        for (int i = 0; i < TEXTS.size(); i++) {
          assertArrayEquals(expected.get(i), actual.get(i), "text " + i);
        }
      }
    }
  }

  @Test
  void refusesWorkAfterClose() {
    DjlEmbedder other = DjlEmbedder.create(EmbedderConfig.defaults(cacheDir));
    other.close();
    other.close(); // idempotent

    assertThrows(IllegalStateException.class, () -> other.embedDocuments(List.of("late")));
  }
}
