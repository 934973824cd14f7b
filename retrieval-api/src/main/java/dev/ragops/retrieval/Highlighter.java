package dev.ragops.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Marks the query's words in a hit's text with {@code <em>…</em>} and cuts up to {@link
 * #MAX_SNIPPETS} snippets around them. A word matches when it starts with the query word's first
 * five letters (a cheap stem: "fermentation" matches "ferments"). Words shorter than three letters
 * and common English stop words are ignored. The text is not HTML-escaped: clients that render HTML
 * must escape it first, keeping the marks.
 */
final class Highlighter {

  static final int MAX_SNIPPETS = 3;
  private static final int CONTEXT = 60;
  private static final Set<String> STOP_WORDS =
      Set.of(
          "the", "and", "for", "are", "but", "not", "you", "all", "any", "can", "had", "her", "was",
          "one", "our", "out", "has", "how", "its", "what", "when", "who", "why", "with", "does",
          "this", "that", "from", "into", "than", "then", "there", "these", "they", "which",
          "while", "will", "would", "should", "could", "about", "have", "were", "been");
  private static final Pattern WORD = Pattern.compile("\\p{L}[\\p{L}\\p{N}]*");

  private final Pattern pattern;

  Highlighter(String query) {
    Set<String> stems = new LinkedHashSet<>();
    Matcher words = WORD.matcher(query.toLowerCase(Locale.ROOT));
    while (words.find()) {
      String word = words.group();
      if (word.length() >= 3 && !STOP_WORDS.contains(word)) {
        stems.add(Pattern.quote(word.substring(0, Math.min(5, word.length()))));
      }
    }
    this.pattern =
        stems.isEmpty()
            ? null
            : Pattern.compile(
                "(?<![\\p{L}\\p{N}])(?:" + String.join("|", stems) + ")[\\p{L}\\p{N}]*",
                Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
  }

  List<String> snippets(String text) {
    if (pattern == null) {
      return List.of();
    }
    List<String> snippets = new ArrayList<>();
    Matcher match = pattern.matcher(text);
    int coveredUntil = -1;
    while (match.find() && snippets.size() < MAX_SNIPPETS) {
      if (match.start() < coveredUntil) {
        continue;
      }
      int start = Math.max(0, match.start() - CONTEXT);
      int end = Math.min(text.length(), match.end() + CONTEXT);
      snippets.add(
          (start > 0 ? "…" : "")
              + mark(text.substring(start, end))
              + (end < text.length() ? "…" : ""));
      coveredUntil = end;
    }
    return snippets;
  }

  private String mark(String fragment) {
    return pattern
        .matcher(fragment)
        .replaceAll(m -> "<em>" + Matcher.quoteReplacement(m.group()) + "</em>");
  }
}
