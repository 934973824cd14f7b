package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * Chunks of {@code sentences} consecutive sentences (fewer where they would exceed {@code
 * maxTokens}); each chunk after the first starts {@code sentenceOverlap} sentences before the
 * previous one ended. A sentence longer than {@code maxTokens} is split at words.
 */
final class SentenceWindowChunker implements Chunker {

  private final Tokenizer tokenizer;
  private final int maxTokens;
  private final int sentences;
  private final int sentenceOverlap;

  SentenceWindowChunker(Tokenizer tokenizer, int maxTokens, int sentences, int sentenceOverlap) {
    ChunkerSettings.requireSizes(maxTokens, 0);
    if (sentences < 1 || sentenceOverlap < 0 || sentenceOverlap >= sentences) {
      throw new IllegalArgumentException(
          "chunker.sentences must be >= 1 and chunker.sentenceOverlap in [0, sentences), got "
              + sentences
              + " and "
              + sentenceOverlap);
    }
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.sentences = sentences;
    this.sentenceOverlap = sentenceOverlap;
  }

  @Override
  public String settings() {
    return "sentence-window:max-tokens="
        + maxTokens
        + ":sentences="
        + sentences
        + ":sentence-overlap="
        + sentenceOverlap;
  }

  @Override
  public List<ChunkSpan> chunk(String text, TextStructure structure) {
    var tokens = new TokenIndex(tokenizer.spans(text));
    List<ChunkSpan> all = RecursiveChunker.sentences(text, tokens, maxTokens);
    List<ChunkSpan> chunks = new ArrayList<>();
    int first = 0;
    int previousLast = -1;
    while (first < all.size()) {
      int last = Math.min(first + sentences, all.size()) - 1;
      while (last > first
          && tokens.count(all.get(first).start(), all.get(last).end()) > maxTokens) {
        last--;
      }
      if (last <= previousLast) { // the overlap left no room for a new sentence: drop it
        first = previousLast + 1;
        continue;
      }
      chunks.add(new ChunkSpan(all.get(first).start(), all.get(last).end()));
      previousLast = last;
      first = Math.max(first + 1, last + 1 - sentenceOverlap);
    }
    return chunks;
  }
}
