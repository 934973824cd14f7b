package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import dev.ragops.model.Tokenizer.TokenSpan;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into windows of at most {@code maxTokens} tokens of the embedding model's own
 * tokenizer, each window starting {@code overlap} tokens before the previous one ended. Chunk
 * boundaries fall on token boundaries, so offsets are exact and no chunk exceeds the model's limit.
 */
@Singleton
final class TokenWindowChunker {

  private final Tokenizer tokenizer;
  private final int maxTokens;
  private final int overlap;

  TokenWindowChunker(
      Tokenizer tokenizer,
      @Value("${ragops.chunker.max-tokens:256}") int maxTokens,
      @Value("${ragops.chunker.overlap:32}") int overlap) {
    if (maxTokens < 8) {
      throw new IllegalArgumentException(
          "ragops.chunker.max-tokens must be at least 8, got " + maxTokens);
    }
    if (overlap < 0 || overlap >= maxTokens / 2) {
      throw new IllegalArgumentException(
          "ragops.chunker.overlap must be in [0, max-tokens/2), got " + overlap);
    }
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.overlap = overlap;
  }

  /** Identifies the chunker and its settings; part of every chunk's fingerprint. */
  String settingsHash() {
    return Ingestor.sha256(
            ("token-window:max-tokens=" + maxTokens + ":overlap=" + overlap)
                .getBytes(java.nio.charset.StandardCharsets.UTF_8))
        .substring(0, 16);
  }

  List<ChunkSpan> chunk(String text) {
    List<TokenSpan> tokens = tokenizer.spans(text);
    List<ChunkSpan> chunks = new ArrayList<>();
    int first = 0;
    while (first < tokens.size()) {
      int last = Math.min(first + maxTokens, tokens.size());
      chunks.add(new ChunkSpan(tokens.get(first).start(), tokens.get(last - 1).end()));
      if (last == tokens.size()) {
        break;
      }
      first = last - overlap;
    }
    return chunks;
  }
}
