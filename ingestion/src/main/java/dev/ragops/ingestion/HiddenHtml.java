package dev.ragops.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Text an HTML page holds but a browser does not show: elements styled {@code display:none}, {@code
 * visibility:hidden}, {@code font-size:0}, {@code opacity:0} or white text without a background of
 * their own (white on the default white page), and elements with the {@code hidden} attribute. Tika
 * extracts such text like any other, so it reaches the model unseen by people. Each hidden text is
 * located in the extracted text, where it becomes an {@code injection:hidden-text} finding.
 */
final class HiddenHtml {

  private static final Pattern OPEN_TAG =
      Pattern.compile("<([a-zA-Z][a-zA-Z0-9]*)\\b([^>]*)>", Pattern.DOTALL);
  private static final Pattern HIDING_STYLE =
      Pattern.compile(
          "display\\s*:\\s*none|visibility\\s*:\\s*hidden|font-size\\s*:\\s*0(?:\\.0+)?"
              + "(?:px|pt|em|rem|%)?\\s*(?:;|$|!)|opacity\\s*:\\s*0(?:\\.0+)?\\s*(?:;|$|!)"
              + "|(?<![-\\w])color\\s*:\\s*(?:#fff\\b|#ffffff\\b|white\\b"
              + "|rgb\\(\\s*255\\s*,\\s*255\\s*,\\s*255\\s*\\))",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern STYLE =
      Pattern.compile("\\bstyle\\s*=\\s*(\"[^\"]*\"|'[^']*')", Pattern.CASE_INSENSITIVE);
  private static final Pattern BACKGROUND =
      Pattern.compile("background(?:-color)?\\s*:\\s*([^;]+)", Pattern.CASE_INSENSITIVE);
  private static final Pattern HIDDEN_ATTRIBUTE =
      Pattern.compile("(?:^|\\s)hidden(?:\\s|=|$)", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("<[^>]*>");
  private static final int MAX_WORDS = 400;

  /**
   * Hidden elements located per page: each costs a search through the extracted text, so a page of
   * thousands (menus, templates) is bounded; the first ones are flagged.
   */
  private static final int MAX_HIDDEN_ELEMENTS = 200;

  private HiddenHtml() {}

  /** Findings for the hidden texts of {@code html} that occur in {@code extracted}. */
  static List<Finding> find(byte[] html, String extracted) {
    String page = new String(html, StandardCharsets.UTF_8);
    List<Finding> found = new ArrayList<>();
    Matcher tag = OPEN_TAG.matcher(page);
    int examined = 0;
    while (tag.find() && examined < MAX_HIDDEN_ELEMENTS) {
      if (!hides(tag.group(2))) {
        continue;
      }
      examined++;
      String inner = innerHtml(page, tag.group(1).toLowerCase(Locale.ROOT), tag.end());
      locate(plainText(inner), extracted).ifPresent(found::add);
    }
    return found;
  }

  private static boolean hides(String attributes) {
    if (HIDDEN_ATTRIBUTE.matcher(attributes).find()) {
      return true;
    }
    Matcher style = STYLE.matcher(attributes);
    if (!style.find()) {
      return false;
    }
    String css = style.group(1);
    Matcher hiding = HIDING_STYLE.matcher(css);
    if (!hiding.find()) {
      return false;
    }
    if (hiding.group().toLowerCase(Locale.ROOT).contains("color")) {
      Matcher background = BACKGROUND.matcher(css);
      return !background.find()
          || background
              .group(1)
              .toLowerCase(Locale.ROOT)
              .matches(
                  "\\s*(?:#fff|#ffffff|white|rgb\\(\\s*255\\s*,\\s*255\\s*,\\s*255\\s*\\))\\s*");
    }
    return true;
  }

  /** The HTML between an open tag ending at {@code from} and its matching close tag. */
  private static String innerHtml(String page, String name, int from) {
    Pattern sameTag = Pattern.compile("<(/?)" + name + "\\b[^>]*?(/?)>", Pattern.CASE_INSENSITIVE);
    Matcher matcher = sameTag.matcher(page);
    matcher.region(from, page.length());
    int depth = 1;
    while (matcher.find()) {
      if (!matcher.group(1).isEmpty()) {
        depth--;
        if (depth == 0) {
          return page.substring(from, matcher.start());
        }
      } else if (matcher.group(2).isEmpty()) {
        depth++;
      }
    }
    return page.substring(from, Math.min(page.length(), from + 4000));
  }

  private static String plainText(String html) {
    return TAG.matcher(html)
        .replaceAll(" ")
        .replace("&nbsp;", " ")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .strip();
  }

  /** Where the words of {@code hidden} occur in {@code extracted}, whatever the whitespace. */
  private static java.util.Optional<Finding> locate(String hidden, String extracted) {
    String[] words = hidden.split("\\s+");
    if (hidden.isBlank()) {
      return java.util.Optional.empty();
    }
    String regex =
        Arrays.stream(words)
            .limit(MAX_WORDS)
            .map(Pattern::quote)
            .collect(Collectors.joining("\\s+"));
    Matcher match = Pattern.compile(regex).matcher(extracted);
    return match.find()
        ? java.util.Optional.of(
            new Finding(InjectionDetector.HIDDEN_TEXT, match.start(), match.end()))
        : java.util.Optional.empty();
  }
}
