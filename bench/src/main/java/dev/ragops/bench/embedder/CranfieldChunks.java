package dev.ragops.bench.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cranfield corpus cut into chunks as ingestion cuts documents: windows of at most {@code
 * maxTokens} model tokens (bge-small's tokenizer, no special tokens) overlapping by {@code overlap}
 * tokens, in corpus order. Long abstracts give full windows and short remainders, short ones a
 * single short chunk: a real mix of lengths.
 */
final class CranfieldChunks {

  private CranfieldChunks() {}

  static List<String> load(Path corpus, int maxTokens, int overlap) throws IOException {
    JsonMapper json = JsonMapper.createDefault();
    List<String> chunks = new ArrayList<>();
    try (InputStream definition =
            CranfieldChunks.class
                .getClassLoader()
                .getResourceAsStream("bge-small-en-v1.5-q-tokenizer.json");
        HuggingFaceTokenizer tokenizer =
            HuggingFaceTokenizer.newInstance(
                definition, Map.of("addSpecialTokens", "false", "truncation", "false"))) {
      for (String line : Files.readAllLines(corpus)) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, Object> row = json.readValue(line, Argument.mapOf(String.class, Object.class));
        String text = (row.get("title") + ". " + row.get("text")).strip();
        Encoding encoding = tokenizer.encode(text);
        CharSpan[] spans = encoding.getCharTokenSpans();
        for (int start = 0; start < spans.length; start += maxTokens - overlap) {
          int end = Math.min(spans.length, start + maxTokens);
          chunks.add(text.substring(spans[start].getStart(), spans[end - 1].getEnd()));
          if (end == spans.length) {
            break;
          }
        }
      }
    }
    return chunks;
  }
}
