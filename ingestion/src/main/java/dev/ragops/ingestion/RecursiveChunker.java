package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splits text at the coarsest boundary that yields pieces within {@code maxTokens}: paragraphs,
 * then lines, then sentences, then words, then token windows for a single overlong word. Pieces are
 * packed greedily into chunks of at most {@code maxTokens} tokens; each chunk after the first
 * repeats the trailing pieces of the one before, up to {@code overlap} tokens.
 */
final class RecursiveChunker implements Chunker {

  private static final List<Pattern> SEPARATORS =
      List.of(
          Pattern.compile("\\n[ \\t\\x0B\\f\\r]*\\n\\s*"), // paragraph: a blank line
          Pattern.compile("\\n\\s*"), // line
          Pattern.compile("(?<=[.!?…。])[\"')\\]]*\\s+"), // sentence end
          Pattern.compile("\\s+")); // word

  private final Tokenizer tokenizer;
  private final int maxTokens;
  private final int overlap;

  RecursiveChunker(Tokenizer tokenizer, int maxTokens, int overlap) {
    ChunkerSettings.requireSizes(maxTokens, overlap);
    this.tokenizer = tokenizer;
    this.maxTokens = maxTokens;
    this.overlap = overlap;
  }

  @Override
  public String settings() {
    return "recursive:max-tokens=" + maxTokens + ":overlap=" + overlap;
  }

  @Override
  public List<ChunkSpan> chunk(String text, TextStructure structure) {
    return chunkRange(text, new TokenIndex(tokenizer.spans(text)), 0, text.length());
  }

  /** Chunks characters {@code [from, to)} of {@code text} alone. */
  List<ChunkSpan> chunkRange(String text, TokenIndex tokens, int from, int to) {
    return pack(tokens, pieces(text, tokens, from, to, 0, maxTokens), maxTokens, overlap);
  }

  /** Sentences of {@code [from, to)}, split further only where one exceeds {@code maxTokens}. */
  static List<ChunkSpan> sentences(String text, TokenIndex tokens, int maxTokens) {
    return pieces(text, tokens, 0, text.length(), SENTENCE_LEVEL + 1, maxTokens);
  }

  private static final int SENTENCE_LEVEL = 2;

  /**
   * Pieces of {@code [from, to)}, trimmed, each within {@code maxTokens}: always split at the
   * separators before {@code alwaysThrough}, at finer ones only where a piece is too large.
   */
  private static List<ChunkSpan> pieces(
      String text, TokenIndex tokens, int from, int to, int alwaysThrough, int maxTokens) {
    List<ChunkSpan> pieces = new ArrayList<>();
    split(text, tokens, from, to, 0, alwaysThrough, maxTokens, pieces);
    return pieces;
  }

  private static void split(
      String text,
      TokenIndex tokens,
      int from,
      int to,
      int level,
      int alwaysThrough,
      int maxTokens,
      List<ChunkSpan> pieces) {
    var trimmed = trim(text, from, to);
    if (trimmed == null) {
      return;
    }
    if (level >= alwaysThrough && tokens.count(trimmed.start(), trimmed.end()) <= maxTokens) {
      pieces.add(trimmed);
      return;
    }
    if (level == SEPARATORS.size()) {
      pieces.addAll(
          TokenWindowChunker.windows(tokens, trimmed.start(), trimmed.end(), maxTokens, 0));
      return;
    }
    Matcher separator = SEPARATORS.get(level).matcher(text).region(trimmed.start(), trimmed.end());
    int start = trimmed.start();
    while (separator.find()) {
      split(text, tokens, start, separator.start(), level + 1, alwaysThrough, maxTokens, pieces);
      start = separator.end();
    }
    split(text, tokens, start, trimmed.end(), level + 1, alwaysThrough, maxTokens, pieces);
  }

  /**
   * Packs consecutive pieces into chunks of at most {@code maxTokens}; a new chunk starts with the
   * previous chunk's trailing pieces that fit in {@code overlap} tokens.
   */
  static List<ChunkSpan> pack(
      TokenIndex tokens, List<ChunkSpan> pieces, int maxTokens, int overlap) {
    List<ChunkSpan> chunks = new ArrayList<>();
    int first = 0;
    while (first < pieces.size()) {
      int last = first;
      while (last + 1 < pieces.size()
          && tokens.count(pieces.get(first).start(), pieces.get(last + 1).end()) <= maxTokens) {
        last++;
      }
      chunks.add(new ChunkSpan(pieces.get(first).start(), pieces.get(last).end()));
      if (last + 1 == pieces.size()) {
        break;
      }
      int next = last + 1;
      while (next - 1 > first
          && tokens.count(pieces.get(next - 1).start(), pieces.get(last).end()) <= overlap
          && tokens.count(pieces.get(next - 1).start(), pieces.get(last + 1).end()) <= maxTokens) {
        next--;
      }
      first = next;
    }
    return chunks;
  }

  /** {@code [from, to)} without surrounding whitespace, or null when it is all whitespace. */
  static ChunkSpan trim(String text, int from, int to) {
    while (from < to && Character.isWhitespace(text.charAt(from))) {
      from++;
    }
    while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
      to--;
    }
    return from < to ? new ChunkSpan(from, to) : null;
  }
}
