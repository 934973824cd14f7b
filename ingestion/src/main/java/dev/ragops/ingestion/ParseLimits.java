package dev.ragops.ingestion;

import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.time.Duration;

/**
 * What one document's parse may cost. Hostile input (zip bombs, deep nesting, endless text, parser
 * loops) fails the document with a reason instead of exhausting the worker.
 *
 * @param maxCharacters text extracted per document before it fails ({@code
 *     ragops.ingest.max-characters})
 * @param timeout wall-clock time one parse may take ({@code ragops.ingest.parse-timeout})
 * @param maxCompressionRatio output characters per input byte beyond which a large output is taken
 *     for a zip bomb ({@code ragops.ingest.max-compression-ratio})
 * @param maxElementDepth nesting of elements in the parsed document ({@code
 *     ragops.ingest.max-element-depth})
 * @param maxPackageDepth archives inside archives, attachments inside attachments ({@code
 *     ragops.ingest.max-package-depth})
 */
record ParseLimits(
    int maxCharacters,
    Duration timeout,
    long maxCompressionRatio,
    int maxElementDepth,
    int maxPackageDepth) {

  ParseLimits {
    require(maxCharacters > 0, "ragops.ingest.max-characters must be positive");
    require(
        timeout != null && !timeout.isNegative() && !timeout.isZero(),
        "ragops.ingest.parse-timeout must be positive");
    require(maxCompressionRatio > 0, "ragops.ingest.max-compression-ratio must be positive");
    require(maxElementDepth > 0, "ragops.ingest.max-element-depth must be positive");
    require(maxPackageDepth > 0, "ragops.ingest.max-package-depth must be positive");
  }

  private static void require(boolean condition, String message) {
    if (!condition) {
      throw new IllegalArgumentException(message);
    }
  }

  /** Reads the limits from configuration. */
  @io.micronaut.context.annotation.Factory
  static final class FromConfiguration {
    @Singleton
    ParseLimits parseLimits(
        @Value("${ragops.ingest.max-characters:5000000}") int maxCharacters,
        @Value("${ragops.ingest.parse-timeout:60s}") Duration timeout,
        @Value("${ragops.ingest.max-compression-ratio:100}") long maxCompressionRatio,
        @Value("${ragops.ingest.max-element-depth:100}") int maxElementDepth,
        @Value("${ragops.ingest.max-package-depth:10}") int maxPackageDepth) {
      return new ParseLimits(
          maxCharacters, timeout, maxCompressionRatio, maxElementDepth, maxPackageDepth);
    }
  }
}
