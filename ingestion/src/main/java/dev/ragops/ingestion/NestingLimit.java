package dev.ragops.ingestion;

import java.io.IOException;
import java.io.InputStream;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.extractor.ParsingEmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.parser.ParseContext;
import org.xml.sax.ContentHandler;
import org.xml.sax.SAXException;

/**
 * Parses embedded documents (archive entries, attachments) like Tika does, but stops the whole
 * parse when they nest deeper than {@code maxDepth}: a zip in a zip in a zip… is refused, not
 * unpacked level after level. One instance serves one parse.
 */
final class NestingLimit implements EmbeddedDocumentExtractor {

  /** Thrown from inside the parse when embedded documents nest too deeply. */
  static final class TooDeep extends SAXException {
    TooDeep(int maxDepth) {
      super("embedded documents nest deeper than " + maxDepth + " levels");
    }
  }

  private final ParsingEmbeddedDocumentExtractor delegate;
  private final int maxDepth;
  private int depth;
  private boolean exceeded;

  NestingLimit(ParseContext context, int maxDepth) {
    this.delegate = new ParsingEmbeddedDocumentExtractor(context);
    this.maxDepth = maxDepth;
  }

  /**
   * Throws when the limit was hit during the parse, even where a parser caught the exception and
   * went on with the next entry.
   */
  void check() throws TooDeep {
    if (exceeded) {
      throw new TooDeep(maxDepth);
    }
  }

  @Override
  public boolean shouldParseEmbedded(Metadata metadata) {
    return delegate.shouldParseEmbedded(metadata);
  }

  @Override
  public void parseEmbedded(
      InputStream stream, ContentHandler handler, Metadata metadata, boolean outputHtml)
      throws SAXException, IOException {
    if (depth >= maxDepth) {
      exceeded = true;
      throw new TooDeep(maxDepth);
    }
    depth++;
    try {
      delegate.parseEmbedded(stream, handler, metadata, outputHtml);
    } finally {
      depth--;
    }
  }
}
