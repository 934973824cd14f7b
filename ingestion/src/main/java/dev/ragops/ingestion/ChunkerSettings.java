package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * How a collection's documents are chunked, set when the collection is created ({@code "chunker"}
 * in its settings); fields left out take the configured defaults.
 *
 * @param strategy {@code token-window} (default), {@code recursive} (paragraph → sentence → word),
 *     {@code sentence-window} or {@code structure} (never across a heading or page)
 * @param maxTokens chunk size limit in model tokens ({@code ragops.chunker.max-tokens})
 * @param overlap tokens a chunk may share with the one before ({@code ragops.chunker.overlap})
 * @param sentences sentences per chunk, for {@code sentence-window} (3)
 * @param sentenceOverlap sentences a chunk shares with the one before, for {@code sentence-window}
 *     (1)
 */
@Serdeable
record ChunkerSettings(
    @Nullable String strategy,
    @Nullable Integer maxTokens,
    @Nullable Integer overlap,
    @Nullable Integer sentences,
    @Nullable Integer sentenceOverlap) {

  static final List<String> STRATEGIES =
      List.of("token-window", "recursive", "sentence-window", "structure");

  /** These settings with every field filled, from {@code defaults} where left out. */
  ChunkerSettings orElse(ChunkerSettings defaults) {
    var filled =
        new ChunkerSettings(
            strategy != null ? strategy : defaults.strategy(),
            maxTokens != null ? maxTokens : defaults.maxTokens(),
            overlap != null ? overlap : defaults.overlap(),
            sentences != null ? sentences : defaults.sentences(),
            sentenceOverlap != null ? sentenceOverlap : defaults.sentenceOverlap());
    if (!STRATEGIES.contains(filled.strategy())) {
      throw new IllegalArgumentException(
          "chunker.strategy must be one of " + STRATEGIES + ", got '" + filled.strategy() + "'");
    }
    requireSizes(filled.maxTokens(), filled.overlap());
    return filled;
  }

  static void requireSizes(int maxTokens, int overlap) {
    if (maxTokens < 8) {
      throw new IllegalArgumentException(
          "chunker.maxTokens (ragops.chunker.max-tokens) must be at least 8, got " + maxTokens);
    }
    if (overlap < 0 || overlap >= maxTokens / 2) {
      throw new IllegalArgumentException(
          "chunker.overlap (ragops.chunker.overlap) must be in [0, maxTokens/2), got " + overlap);
    }
  }
}
