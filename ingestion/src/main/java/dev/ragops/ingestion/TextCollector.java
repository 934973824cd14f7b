package dev.ragops.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.tika.exception.WriteLimitReachedException;
import org.xml.sax.Attributes;
import org.xml.sax.SAXException;
import org.xml.sax.helpers.DefaultHandler;

/**
 * Receives Tika's XHTML events and keeps the body text, with where headings ({@code h1}–{@code h6})
 * and pages ({@code div class="page"}, slides) start. Stops the parse with an exception once the
 * text exceeds {@code maxCharacters} or the deadline has passed.
 */
final class TextCollector extends DefaultHandler {

  /** Thrown from inside the parse when its deadline has passed. */
  static final class DeadlineExceeded extends SAXException {
    DeadlineExceeded() {
      super("the parse deadline has passed");
    }
  }

  private final StringBuilder text = new StringBuilder();
  private final List<TextStructure.Heading> headings = new ArrayList<>();
  private final List<Integer> pageStarts = new ArrayList<>();
  private final int maxCharacters;
  private final long deadlineNanos;
  private int bodyDepth;
  private int headingLevel;
  private int headingStart = -1;

  TextCollector(int maxCharacters, long deadlineNanos) {
    this.maxCharacters = maxCharacters;
    this.deadlineNanos = deadlineNanos;
  }

  String text() {
    return text.toString();
  }

  TextStructure structure() {
    return new TextStructure(headings, pageStarts);
  }

  @Override
  public void startElement(String uri, String localName, String qName, Attributes attributes)
      throws SAXException {
    checkDeadline();
    String name = (localName == null || localName.isEmpty() ? qName : localName);
    name = name.toLowerCase(Locale.ROOT);
    if (name.equals("body")) {
      bodyDepth++;
      return;
    }
    if (bodyDepth == 0) {
      return;
    }
    if (name.length() == 2
        && name.charAt(0) == 'h'
        && name.charAt(1) >= '1'
        && name.charAt(1) <= '6') {
      headingLevel = name.charAt(1) - '0';
      headingStart = text.length();
    } else if (name.equals("div")) {
      String type = attributes.getValue("class");
      if ("page".equals(type) || "slide-content".equals(type)) {
        pageStarts.add(text.length());
      }
    }
  }

  @Override
  public void endElement(String uri, String localName, String qName) {
    String name = (localName == null || localName.isEmpty() ? qName : localName);
    name = name.toLowerCase(Locale.ROOT);
    if (name.equals("body")) {
      bodyDepth = Math.max(0, bodyDepth - 1);
    } else if (headingStart >= 0 && name.equals("h" + headingLevel)) {
      String title = text.substring(headingStart).strip().replaceAll("\\s+", " ");
      if (!title.isEmpty()) {
        int offset = headingStart;
        while (offset < text.length() && Character.isWhitespace(text.charAt(offset))) {
          offset++;
        }
        headings.add(new TextStructure.Heading(offset, headingLevel, title));
      }
      headingStart = -1;
    }
  }

  @Override
  public void characters(char[] ch, int start, int length) throws SAXException {
    append(ch, start, length);
  }

  @Override
  public void ignorableWhitespace(char[] ch, int start, int length) throws SAXException {
    append(ch, start, length);
  }

  private void append(char[] ch, int start, int length) throws SAXException {
    checkDeadline();
    if (bodyDepth == 0) {
      return;
    }
    if (text.length() + length > maxCharacters) {
      throw new WriteLimitReachedException(maxCharacters);
    }
    text.append(ch, start, length);
  }

  private void checkDeadline() throws SAXException {
    if (System.nanoTime() - deadlineNanos > 0 || Thread.currentThread().isInterrupted()) {
      throw new DeadlineExceeded();
    }
  }
}
