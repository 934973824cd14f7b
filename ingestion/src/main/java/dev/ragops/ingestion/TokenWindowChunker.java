package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Cuts text into windows of at most {@code maxTokens} tokens of the embedding model's own
 * tokenizer, each window starting {@code overlap} tokens before the previous one ended. Chunk
 * boundaries fall on token boundaries, so offsets are exact and no chunk exceeds the model's limit.
 */
final class TokenWindowChunker implements Chunker {

  private final Tokenizer tokenizer;
  private final int maxTokens;
  private final int overlap;

  TokenWindowChunker(Tokenizer tokenizer, int maxTokens, int overlap) {
    ChunkerSettings.requireSizes(maxTokens, overlap);
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.overlap = overlap;
  }

  @Override
  public String settings() {
    return "token-window:max-tokens=" + maxTokens + ":overlap=" + overlap;
  }

  @Override
  public List<ChunkSpan> chunk(String text, TextStructure structure) {
    return windows(new TokenIndex(tokenizer.spans(text)), 0, Integer.MAX_VALUE, maxTokens, overlap);
  }

  /** Windows over the tokens that lie inside characters {@code [from, to)}. */
  static List<ChunkSpan> windows(TokenIndex tokens, int from, int to, int maxTokens, int overlap) {
    List<ChunkSpan> chunks = new ArrayList<>();
    int first = tokens.firstStartingAtOrAfter(from);
    int end = tokens.firstEndingAfter(to);
    while (first < end) {
      int last = Math.min(first + maxTokens, end);
      chunks.add(new ChunkSpan(tokens.get(first).start(), tokens.get(last - 1).end()));
      if (last == end) {
        break;
      }
      first = last - overlap;
    }
    return chunks;
  }
}
