package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import java.util.ArrayList;
import java.util.List;

/**
 * A stand-in for a sub-word tokenizer: runs of letters and digits are cut into pieces of at most
 * four characters, every other non-whitespace character is a token of its own.
 */
final class PieceTokenizer implements Tokenizer {

  @Override
  public List<TokenSpan> spans(String text) {
    List<TokenSpan> tokens = new ArrayList<>();
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        i++;
      } else if (Character.isLetterOrDigit(c)) {
        int end = i;
        while (end < text.length() && Character.isLetterOrDigit(text.charAt(end))) {
          end++;
        }
        for (int start = i; start < end; start += 4) {
          tokens.add(new TokenSpan(start, Math.min(start + 4, end)));
        }
        i = end;
      } else {
        tokens.add(new TokenSpan(i, i + 1));
        i++;
      }
    }
    return tokens;
  }
}
