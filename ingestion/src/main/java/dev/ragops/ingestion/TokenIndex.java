package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer.TokenSpan;
import java.util.List;

/**
 * The model tokens of one text, for counting the tokens of any character range without tokenizing
 * it again: a range holds the tokens that lie wholly inside it.
 */
final class TokenIndex {

  private final List<TokenSpan> tokens;

  TokenIndex(List<TokenSpan> tokens) {
    this.tokens = tokens;
  }

  int size() {
    return tokens.size();
  }

  TokenSpan get(int index) {
    return tokens.get(index);
  }

  /** Tokens wholly inside characters {@code [start, end)}. */
  int count(int start, int end) {
    int first = firstStartingAtOrAfter(start);
    int last = firstEndingAfter(end);
    return Math.max(0, last - first);
  }

  /** Index of the first token that starts at or after {@code offset}. */
  int firstStartingAtOrAfter(int offset) {
    int low = 0;
    int high = tokens.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (tokens.get(mid).start() < offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }

  /** Index of the first token that ends after {@code offset}. */
  int firstEndingAfter(int offset) {
    int low = 0;
    int high = tokens.size();
    while (low < high) {
      int mid = (low + high) >>> 1;
      if (tokens.get(mid).end() <= offset) {
        low = mid + 1;
      } else {
        high = mid;
      }
    }
    return low;
  }
}
