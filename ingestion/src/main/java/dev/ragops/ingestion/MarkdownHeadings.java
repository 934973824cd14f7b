package dev.ragops.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * ATX headings ({@code # Title}) of Markdown text, which Tika reads as plain text. Lines inside
 * fenced code blocks are not headings.
 */
final class MarkdownHeadings {

  private static final Pattern HEADING = Pattern.compile("^(#{1,6})[ \\t]+(.+?)[ \\t#]*$");

  private MarkdownHeadings() {}

  static boolean applies(String contentType, String fileName) {
    String type = contentType == null ? "" : contentType.toLowerCase(Locale.ROOT);
    String name = fileName == null ? "" : fileName.toLowerCase(Locale.ROOT);
    return type.contains("markdown") || name.endsWith(".md") || name.endsWith(".markdown");
  }

  static List<TextStructure.Heading> find(String text) {
    List<TextStructure.Heading> headings = new ArrayList<>();
    boolean fenced = false;
    int offset = 0;
    for (String line : text.split("\n", -1)) {
      String trimmed = line.strip();
      if (trimmed.startsWith("```") || trimmed.startsWith("~~~")) {
        fenced = !fenced;
      } else if (!fenced) {
        var match = HEADING.matcher(line.stripTrailing());
        if (match.matches()) {
          headings.add(
              new TextStructure.Heading(offset, match.group(1).length(), match.group(2).strip()));
        }
      }
      offset += line.length() + 1;
    }
    return headings;
  }
}
