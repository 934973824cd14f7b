package dev.ragops.ingestion;

import dev.ragops.model.NonRetriableException;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.tika.exception.EncryptedDocumentException;
import org.apache.tika.exception.TikaException;
import org.apache.tika.exception.WriteLimitReachedException;
import org.apache.tika.exception.ZeroByteFileException;
import org.apache.tika.metadata.Metadata;
import org.apache.tika.metadata.TikaCoreProperties;
import org.apache.tika.parser.AutoDetectParser;
import org.apache.tika.parser.ParseContext;
import org.apache.tika.sax.BodyContentHandler;
import org.xml.sax.SAXException;

/**
 * Extracts plain text and metadata from any format Tika's standard parsers read. The type is
 * detected from the bytes; the file name is only a hint. Failures carry a reason a user can act on.
 */
@Singleton
final class TikaExtractor {

  private final AutoDetectParser parser = new AutoDetectParser();
  private final int maxCharacters;

  TikaExtractor(@Value("${ragops.ingest.max-characters:5000000}") int maxCharacters) {
    if (maxCharacters < 1) {
      throw new IllegalArgumentException("ragops.ingest.max-characters must be positive");
    }
    this.maxCharacters = maxCharacters;
  }

  /** The parser's name and version, part of every chunk's fingerprint, e.g. {@code tika-3.3.1}. */
  String parserVersion() {
    return PARSER_VERSION;
  }

  private static final String PARSER_VERSION = "tika-" + tikaVersion();

  /** Read from Maven's metadata, which survives shading, unlike the jar manifest. */
  private static String tikaVersion() {
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

  ExtractedText extract(byte[] content, String fileName) {
    var metadata = new Metadata();
    if (fileName != null) {
      metadata.set(TikaCoreProperties.RESOURCE_NAME_KEY, fileName);
    }
    var handler = new BodyContentHandler(maxCharacters);
    try {
      parser.parse(new ByteArrayInputStream(content), handler, metadata, new ParseContext());
    } catch (ZeroByteFileException e) {
      throw new NonRetriableException("the file is empty");
    } catch (EncryptedDocumentException e) {
      throw new NonRetriableException("the file is encrypted or password-protected");
    } catch (WriteLimitReachedException e) {
      throw new NonRetriableException(
          "the file holds more than "
              + maxCharacters
              + " characters of text (ragops.ingest.max-characters)");
    } catch (TikaException | SAXException | IOException | RuntimeException e) {
      throw new NonRetriableException(
          "the file could not be parsed as "
              + metadata.get(Metadata.CONTENT_TYPE)
              + ": "
              + rootMessage(e),
          e);
    }
    String text = handler.toString().strip();
    if (text.isEmpty()) {
      throw new NonRetriableException(
          "no text could be extracted from the file (" + metadata.get(Metadata.CONTENT_TYPE) + ")");
    }
    String title = metadata.get(TikaCoreProperties.TITLE);
    return new ExtractedText(
        text,
        title == null || title.isBlank() ? fileName : title.strip(),
        metadata.get(Metadata.CONTENT_TYPE),
        describe(metadata));
  }

  private static Map<String, Object> describe(Metadata metadata) {
    Map<String, Object> described = new LinkedHashMap<>();
    putIfPresent(described, "author", metadata.get(TikaCoreProperties.CREATOR));
    putIfPresent(described, "created", metadata.get(TikaCoreProperties.CREATED));
    putIfPresent(described, "modified", metadata.get(TikaCoreProperties.MODIFIED));
    putIfPresent(described, "language", metadata.get(TikaCoreProperties.LANGUAGE));
    return described;
  }

  private static void putIfPresent(Map<String, Object> map, String key, String value) {
    if (value != null && !value.isBlank()) {
      map.put(key, value);
    }
  }

  private static String rootMessage(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
  }
}
