package dev.ragops.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Splits text into sentences with a few rules, good enough for answers and retrieved passages:
 *
 * <ul>
 *   <li>a line break that ends a non-empty line ends a sentence (lists, paragraphs);
 *   <li>{@code .}, {@code !} or {@code ?}, with any closing quotes or brackets after it, ends a
 *       sentence when whitespace and then something other than a lower-case letter follows, or the
 *       text ends;
 *   <li>{@code .} directly followed by an upper-case letter and a lower-case one ends a sentence
 *       too ({@code "century.First for Women"}, as in passages glued together without a space);
 *   <li>but not after a single letter ({@code "J. R. R. Tolkien"}, {@code "U.S."}) or a common
 *       abbreviation ({@code "Dr."}, {@code "St."}, {@code "Inc."}, {@code "e.g."}), and never
 *       inside a number ({@code "6.213"}).
 * </ul>
 */
final class SentenceSplitter {

  private static final Set<String> ABBREVIATIONS =
      Set.of(
          "mr", "mrs", "ms", "dr", "st", "jr", "sr", "vs", "etc", "e.g", "i.e", "no", "inc", "ltd",
          "co", "corp", "mt", "ft", "gen", "col", "lt", "sgt", "capt", "prof", "rev", "hon", "jan",
          "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "approx",
          "dept", "est", "fig", "vol", "op", "al");

  private SentenceSplitter() {}

  static List<String> split(String text) {
    List<String> sentences = new ArrayList<>();
    int start = 0;
    int n = text.length();
    for (int i = 0; i < n; i++) {
      char c = text.charAt(i);
      if (c == '\n') {
        add(sentences, text, start, i);
        start = i + 1;
        continue;
      }
      if (c != '.' && c != '!' && c != '?') {
        continue;
      }
      int end = i + 1;
      while (end < n && isCloser(text.charAt(end))) {
        end++;
      }
      boolean boundary;
      if (end == n) {
        boundary = true;
      } else if (Character.isWhitespace(text.charAt(end))) {
        int next = end;
        while (next < n && Character.isWhitespace(text.charAt(next)) && text.charAt(next) != '\n') {
          next++;
        }
        boundary =
            next == n || text.charAt(next) == '\n' || !Character.isLowerCase(text.charAt(next));
      } else {
        boundary =
            c == '.'
                && end == i + 1
                && end + 1 < n
                && Character.isUpperCase(text.charAt(end))
                && Character.isLowerCase(text.charAt(end + 1));
      }
      if (boundary && c == '.' && isAbbreviation(text, start, i)) {
        boundary = false;
      }
      if (boundary) {
        add(sentences, text, start, end);
        start = end;
        i = end - 1;
      }
    }
    add(sentences, text, start, n);
    return sentences;
  }

  private static boolean isCloser(char c) {
    return c == '"' || c == '\'' || c == ')' || c == ']' || c == '”' || c == '’' || c == '»';
  }

  /** Whether the word before the period at {@code dot} is a single letter or an abbreviation. */
  private static boolean isAbbreviation(String text, int start, int dot) {
    int w = dot;
    while (w > start && (Character.isLetter(text.charAt(w - 1)) || text.charAt(w - 1) == '.')) {
      w--;
    }
    String word = text.substring(w, dot);
    if (word.isEmpty()) {
      return false;
    }
    if (word.length() == 1 || word.indexOf('.') >= 0) {
      return true; // an initial ("J.") or an initialism ("U.S.", "e.g.")
    }
    return ABBREVIATIONS.contains(word.toLowerCase(Locale.ROOT));
  }

  private static void add(List<String> sentences, String text, int from, int to) {
    String sentence = text.substring(from, to).strip();
    if (sentence.chars().anyMatch(Character::isLetterOrDigit)) {
      sentences.add(sentence);
    }
  }
}
