package dev.ragops.ingestion;

import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.extractor.EmbeddedDocumentExtractor;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.Office;
import org.apache.tika.metadata.PagedText;
import org.apache.tika.metadata.Property;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.AutoDetectParserConfig;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.parser.Parser;

/**
 * Extracts plain text, structure and metadata from any format Tika's standard parsers read,
 * embedded documents (attachments, archive entries) included. The type is detected from the bytes;
 * the file name is only a hint. Every parse runs under {@link ParseLimits}; failures carry a reason
 * a user can act on.
 */
@Singleton
final class TikaExtractor {

  private static final long GRACE_MILLIS = 2_000;

  private final AutoDetectParser parser = new AutoDetectParser();
  private final ParseLimits limits;
  private final ExecutorService parsers =
      Executors.newCachedThreadPool(Thread.ofPlatform().daemon().name("tika-parse-", 1).factory());

  TikaExtractor(ParseLimits limits) {
    this.limits = limits;
    parser.setAutoDetectParserConfig(
        new AutoDetectParserConfig(
            null,
            null,
            limits.maxCompressionRatio(),
            limits.maxElementDepth(),
            // NestingLimit enforces the package depth and, unlike Tika's check, fails the document
            Integer.MAX_VALUE));
  }

  /** The parser's name and version, part of every chunk's fingerprint, e.g. {@code tika-3.3.1}. */
  String parserVersion() {
    return TikaVersion.NAME;
  }

  /**
   * Extracts the file's text within the limits.
   *
   * @throws NonRetriableException when the file is empty, encrypted, corrupt, too large, too slow
   *     to parse, or holds no text; the message says which
   */
  ExtractedText extract(byte[] content, String fileName) {
    long deadline = System.nanoTime() + limits.timeout().toNanos();
    Future<ExtractedText> parse = parsers.submit(() -> parse(content, fileName, deadline));
    try {
      return parse.get(limits.timeout().toMillis() + GRACE_MILLIS, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      parse.cancel(true);
      throw timedOut();
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException failure) {
        throw failure;
      }
      throw new NonRetriableException("the file could not be parsed: " + e.getCause(), e);
    } catch (InterruptedException e) {
      parse.cancel(true);
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while parsing", e);
    }
  }

  private ExtractedText parse(byte[] content, String fileName, long deadline) {
    var metadata = new Metadata();
    if (fileName != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    }
    var collector = new TextCollector(limits.maxCharacters(), deadline);
    var context = new ParseContext();
    context.set(Parser.class, parser);
    var nesting = new NestingLimit(context, limits.maxPackageDepth());
    context.set(EmbeddedDocumentExtractor.class, nesting);
    try {
      parser.parse(new ByteArrayInputStream(content), collector, metadata, context);
      nesting.check();
    } catch (ZeroByteFileException e) {
      throw new NonRetriableException("the file is empty");
    } catch (EncryptedDocumentException e) {
      throw new NonRetriableException(
          "the file is encrypted or password-protected ("
              + metadata.get(Metadata.CONTENT_TYPE)
              + ")");
    } catch (Exception | StackOverflowError e) {
      throw failure(e, metadata);
    }
    String raw = collector.text();
    String text = raw.strip();
    String type = metadata.get(Metadata.CONTENT_TYPE);
    if (text.isEmpty()) {
      throw new NonRetriableException("no text could be extracted from the file (" + type + ")");
    }
    int leading = raw.indexOf(text);
    var structure = collector.structure().shiftedBy(leading, text.length());
    if (MarkdownHeadings.applies(type, fileName)) {
      structure = new TextStructure(MarkdownHeadings.find(text), structure.pageStarts());
    }
    String title = metadata.get(TikaCoreProperties.TITLE);
    return new ExtractedText(
        text,
        title == null || title.isBlank() ? fileName : title.strip(),
        type,
        describe(metadata),
        structure);
  }

  private NonRetriableException failure(Throwable error, Metadata metadata) {
    if (WriteLimitReachedException.isWriteLimitReached(error)) {
      return new NonRetriableException(
          "the file holds more than "
              + limits.maxCharacters()
              + " characters of text (ragops.ingest.max-characters)");
    }
    for (Throwable cause = error; cause != null; cause = cause.getCause()) {
      if (cause instanceof TextCollector.DeadlineExceeded) {
        return timedOut();
      }
      if (cause instanceof NestingLimit.TooDeep) {
        return new NonRetriableException(
            cause.getMessage() + " (ragops.ingest.max-package-depth)", error);
      }
      if (cause instanceof EncryptedDocumentException) {
        return new NonRetriableException("the file is encrypted or password-protected");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    String message = rootMessage(error);
    if (message.toLowerCase(java.util.Locale.ROOT).contains("zip bomb")) {
      return new NonRetriableException(
          "the file expands beyond the limits (ragops.ingest.max-compression-ratio,"
              + " max-element-depth, max-package-depth): "
              + message,
          error);
    }
    if (error instanceof StackOverflowError) {
      return new NonRetriableException("the file is nested too deeply to parse", error);
    }
    return new NonRetriableException(
        "the file could not be parsed as " + metadata.get(Metadata.CONTENT_TYPE) + ": " + message,
        error);
  }

  private NonRetriableException timedOut() {
    return new NonRetriableException(
        "parsing took longer than " + limits.timeout() + " (ragops.ingest.parse-timeout)");
  }

  private static Map<String, Object> describe(Metadata metadata) {
    Map<String, Object> described = new LinkedHashMap<>();
    putFirst(described, "author", metadata, TikaCoreProperties.CREATOR, Office.AUTHOR);
    putFirst(described, "created", metadata, TikaCoreProperties.CREATED);
    putFirst(described, "modified", metadata, TikaCoreProperties.MODIFIED);
    String language = metadata.get(TikaCoreProperties.LANGUAGE);
    if (language == null) {
      language = metadata.get("Content-Language");
    }
    putIfPresent(described, "language", language);
    for (Property pages :
        new Property[] {PagedText.N_PAGES, Office.PAGE_COUNT, Office.SLIDE_COUNT}) {
      Integer count = metadata.getInt(pages);
      if (count != null && count > 0) {
        described.put("pageCount", count);
        break;
      }
    }
    return described;
  }

  private static void putFirst(
      Map<String, Object> map, String key, Metadata metadata, Property... properties) {
    for (Property property : properties) {
      String[] values = metadata.getValues(property);
      if (values.length > 0) {
        putIfPresent(map, key, String.join(", ", values));
        return;
      }
    }
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value.strip());
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }

  @PreDestroy
  void stop() {
    parsers.shutdownNow();
  }

  /** Read from Maven's metadata, which survives shading, unlike the jar manifest. */
  private static final class TikaVersion {
    static final String NAME = "tika-" + read();

    private static String read() {
      try (var in =
          AutoDetectParser.class.getResourceAsStream(
              "/META-INF/maven/org.apache.tika/tika-core/pom.properties")) {
        if (in == null) {
          return "unknown";
        }
        var properties = new java.util.Properties();
        properties.load(in);
        return properties.getProperty("version", "unknown");
      } catch (IOException e) {
        return "unknown";
      }
    }
  }
}
