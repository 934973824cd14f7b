package dev.ragops.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.ragops.model.Tokenizer.TokenSpan;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelTokenizerTest {

  @TempDir static Path cacheDir;
  private static ModelTokenizer tokenizer;

  @BeforeAll
  static void load() {
    ModelSpec spec = ModelRegistry.find(ModelRegistry.DEFAULT_MODEL_ID);
    tokenizer = ModelTokenizer.load(new ModelCache(cacheDir).materialize(spec).tokenizer());
  }

  @AfterAll
  static void close() {
    tokenizer.close();
  }

  @Test
  void spansPointAtEachTokensCharacters() throws IOException {
    String text = "Tokenizers split unbelievably long words, e.g. HNSW-indexes!";
    List<String> tokens;
    try (InputStream json =
            getClass().getClassLoader().getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json");
        HuggingFaceTokenizer reference =
            HuggingFaceTokenizer.newInstance(
                json, Map.of("addSpecialTokens", "false", "truncation", "false"))) {
      tokens = List.of(reference.encode(text).getTokens());
    }

    List<TokenSpan> spans = tokenizer.spans(text);

    assertEquals(tokens.size(), spans.size());
    assertTrue(tokens.size() > 10, "split into word pieces: " + tokens);
    for (int i = 0; i < spans.size(); i++) {
      String source = text.substring(spans.get(i).start(), spans.get(i).end());
      assertEquals(tokens.get(i).replace("##", ""), source.toLowerCase(Locale.ROOT), "token " + i);
    }
  }

  @Test
  void spansAreIncreasingAndCoverEveryNonSpaceCharacterOnce() {
    // accents are stripped and emoji become [UNK]: offsets must still be Java char indices
    String text = "Naïve café 🙂 owners — 𝔘𝔫𝔦𝔠𝔬𝔡𝔢 and 中文 text\twith\ttabs.";

    List<TokenSpan> spans = tokenizer.spans(text);

    StringBuilder covered = new StringBuilder();
    int previousEnd = 0;
    for (TokenSpan span : spans) {
      assertTrue(span.start() >= previousEnd && span.end() > span.start(), "span " + span);
      covered.append(text, span.start(), span.end());
      previousEnd = span.end();
    }
    assertEquals(text.replaceAll("\\s", ""), covered.toString());
    assertTrue(
        spans.stream().anyMatch(s -> text.substring(s.start(), s.end()).equals("🙂")),
        "emoji is one token spanning its surrogate pair");
  }

  @Test
  void countsPastTheModelLimitWithoutTruncating() {
    String text = "word ".repeat(1500);

    assertEquals(1500, tokenizer.count(text));
    assertEquals(new TokenSpan(7495, 7499), tokenizer.spans(text).get(1499));
  }

  @Test
  void addsNoSpecialTokens() {
    assertEquals(List.of(), tokenizer.spans(""));
    assertEquals(List.of(new TokenSpan(0, 5)), tokenizer.spans("hello"));
  }
}
