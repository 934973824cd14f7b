package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * Where the extracted text has headings and page breaks, as character offsets into it.
 *
 * @param headings headings in text order
 * @param pageStarts the offset each page starts at, in order; empty when the format has no pages
 */
@Serdeable
record TextStructure(List<Heading> headings, List<Integer> pageStarts) {

  static final TextStructure NONE = new TextStructure(List.of(), List.of());

  /** A heading of {@code level} 1 (outermost) to 6 whose line starts at {@code offset}. */
  @Serdeable
  record Heading(int offset, int level, String title) {}

  TextStructure {
    headings = List.copyOf(headings);
    pageStarts = List.copyOf(pageStarts);
  }

  /** The 1-based page that holds {@code offset}, or 0 when the format has no pages. */
  int pageAt(int offset) {
    int page = 0;
    for (int start : pageStarts) {
      if (start > offset) {
        break;
      }
      page++;
    }
    return pageStarts.isEmpty() ? 0 : Math.max(page, 1);
  }

  /** The headings above {@code offset}, outermost first, joined by {@code " > "}. */
  String headingPathAt(int offset) {
    List<Heading> path = new ArrayList<>();
    for (Heading heading : headings) {
      if (heading.offset() > offset) {
        break;
      }
      while (!path.isEmpty() && path.getLast().level() >= heading.level()) {
        path.removeLast();
      }
      path.add(heading);
    }
    return String.join(" > ", path.stream().map(Heading::title).toList());
  }

  /** This structure for the text with its first {@code removed} characters cut off. */
  TextStructure shiftedBy(int removed, int length) {
    return new TextStructure(
        headings.stream()
            .map(h -> new Heading(clamp(h.offset() - removed, length), h.level(), h.title()))
            .toList(),
        pageStarts.stream().map(p -> clamp(p - removed, length)).toList());
  }

  private static int clamp(int offset, int length) {
    return Math.max(0, Math.min(offset, length));
  }
}
