package dev.ragops.ingestion;

import java.util.Comparator;
import java.util.List;

/**
 * Replaces findings in a piece of text: each run of overlapping findings becomes one {@code
 * [REDACTED:<kind>]} marker named after its first finding, except hidden characters (zero-width and
 * the like), which are removed.
 */
final class Redaction {

  private Redaction() {}

  /**
   * Characters {@code [from, to)} of {@code text} with the parts covered by {@code findings}
   * replaced; findings may reach outside the range and are clipped to it.
   */
  static String apply(String text, int from, int to, List<Finding> findings) {
    var sorted =
        findings.stream()
            .filter(f -> f.overlaps(from, to))
            .sorted(Comparator.comparingInt(Finding::start))
            .toList();
    var out = new StringBuilder(to - from);
    int at = from;
    int i = 0;
    while (i < sorted.size()) {
      Finding first = sorted.get(i);
      int start = Math.max(first.start(), from);
      int end = Math.min(first.end(), to);
      i++;
      while (i < sorted.size() && sorted.get(i).start() < end) {
        end = Math.max(end, Math.min(sorted.get(i).end(), to));
        i++;
      }
      if (start > at) {
        out.append(text, at, start);
      }
      start = Math.max(start, at);
      if (end > start && !invisible(text.substring(start, end))) {
        out.append("[REDACTED:").append(first.kind()).append(']');
      }
      at = Math.max(at, end);
    }
    out.append(text, at, to);
    return out.toString();
  }

  private static boolean invisible(String part) {
    return part.codePoints()
        .allMatch(c ->
            (c >= 0x200B && c <= 0x200D)
                || (c >= 0x2060 && c <= 0x2064)
                || c == 0xFEFF
                || (c >= 0x202A && c <= 0x202E)
                || (c >= 0x2066 && c <= 0x2069)
                || (c >= 0xE0000 && c <= 0xE007F));
  }
}
