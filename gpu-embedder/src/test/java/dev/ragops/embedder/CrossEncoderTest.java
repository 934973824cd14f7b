package dev.ragops.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TinyCrossEncoder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The cross-encoder plumbing (pair tokenization, segment ids, padding, batching, logit extraction,
 * order) against {@code tiny-cross-encoder.onnx}, a graph with a cross-encoder's signature whose
 * logit is the passage's token count (see {@code build_tiny_cross_encoder.py}), with the BGE
 * tokenizer.
 */
class CrossEncoderTest {

  @TempDir static Path cache;
  private static CrossEncoder encoder;
  private static ModelTokenizer counter;

  @BeforeAll
  static void load() throws Exception {
    var files = new ModelCache(cache).materialize(ModelRegistry.BGE_SMALL_EN_V15_Q);
    Path model = TinyCrossEncoder.extractTo(cache);
    encoder = new CrossEncoder(model, files.tokenizer(), 64, 3);
    counter = ModelTokenizer.load(files.tokenizer());
  }

  @AfterAll
  static void close() throws Exception {
    encoder.close();
  }

  @Test
  void scoresEachPairByItsPassageTokensAcrossPaddedBatches() {
    List<String> passages =
        List.of(
            "short",
            "a somewhat longer passage about wings",
            "mid length text",
            "the longest passage of them all, with many more tokens in it than the others",
            "two words");

    double[] scores = encoder.score("what is a wing?", passages);

    for (int i = 0; i < passages.size(); i++) {
      // the passage's tokens plus its closing [SEP], which carries segment id 1
      assertThat(scores[i]).as(passages.get(i)).isEqualTo(counter.count(passages.get(i)) + 1);
    }
  }

  @Test
  void truncatesOnlyThePassageToTheTokenLimit() {
    String longPassage = "word ".repeat(500);

    double[] scores = encoder.score("query", List.of(longPassage));

    // 64 tokens: [CLS] query [SEP] ... [SEP]; the query keeps its 3, the passage gets the rest
    assertThat(scores[0]).isEqualTo(64 - 3);
  }

  @Test
  void ordersPassagesByScore() {
    List<String> passages = new ArrayList<>();
    IntStream.range(1, 8).forEach(n -> passages.add("token ".repeat(n)));
    java.util.Collections.reverse(passages);

    double[] scores = encoder.score("q", passages);

    for (int i = 1; i < scores.length; i++) {
      assertThat(scores[i]).isLessThan(scores[i - 1]);
    }
    assertThat(encoder.name()).isEqualTo("tiny-cross-encoder.onnx");
  }
}
