package dev.ragops.embedder;

import static dev.ragops.embedder.VectorAssertions.assertUnitLength;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ragops.model.Embedder;
import dev.ragops.testkit.EmbedderContract;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DjlEmbedderTest extends EmbedderContract {

  @TempDir static Path cacheDir;
  private static DjlEmbedder embedder;

  @BeforeAll
  static void load() {
    // batches of 4 on 2 predictors: the contract's six texts of mixed lengths make two batches
    embedder =
        DjlEmbedder.create(
            new EmbedderConfig(null, cacheDir, 2, 4, null, 256, Duration.ofMillis(2), 64));
  }

  @AfterAll
  static void close() {
    embedder.close();
  }

  @Override
  protected Embedder embedder() {
    return embedder;
  }

  /**
   * bge-small int8 quantizes activations per batch, so a text's vector depends slightly on the
   * other texts of its batch: measured cosine similarity about 0.997 against a single-text call.
   */
  @Override
  protected double tolerance() {
    return 0.01;
  }

  @Test
  void describesTheDefaultModel() {
    assertEquals("bge-small-en-v1.5-q", embedder.modelId());
    assertEquals(384, embedder.dimension());
    assertEquals("cpu()", embedder.device());
  }

  @Test
  void aLoneCallerGetsIdenticalVectorsEveryTime() {
    // its texts always form the same batches, whatever the batcher's timing
    for (int round = 0; round < 3; round++) {
      List<float[]> first = embedder.embedDocuments(TEXTS);
      List<float[]> second = embedder.embedDocuments(TEXTS);
      for (int i = 0; i < TEXTS.size(); i++) {
        assertArrayEquals(first.get(i), second.get(i), "text " + i);
      }
    }
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
  void sortsTextsByLengthSoBatchesPadLittle() {
    // 8 short and 8 long texts, interleaved: unsorted batches of 4 would each pad 2 short texts
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 8; i++) {
      texts.add("short text number " + i);
      texts.add(("a much longer text that goes on and on about item " + i + " ").repeat(6));
    }
    DjlEmbedder.Stats before = embedder.stats();

    embedder.embedDocuments(texts);

    DjlEmbedder.Stats after = embedder.stats();
    assertEquals(16, after.texts() - before.texts());
    assertEquals(4, after.batches() - before.batches());
    long real = after.realTokens() - before.realTokens();
    long padding = after.paddingTokens() - before.paddingTokens();
    assertTrue(padding < 0.05 * real, "padding " + padding + " for " + real + " real tokens");
    assertEquals(0, after.queueDepth());
  }

  @Test
  void refusesWorkAfterClose() {
    DjlEmbedder other = DjlEmbedder.create(EmbedderConfig.defaults(cacheDir));
    other.close();
    other.close(); // idempotent

    assertThrows(IllegalStateException.class, () -> other.embedDocuments(List.of("late")));
  }
}
