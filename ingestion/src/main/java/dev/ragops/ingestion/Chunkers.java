package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;

/** Builds the chunker a collection's settings ask for, filling gaps from configuration. */
@Singleton
final class Chunkers {

  private final Tokenizer tokenizer;
  private final ChunkerSettings defaults;

  Chunkers(
      Tokenizer tokenizer,
      @Value("${ragops.chunker.strategy:token-window}") String strategy,
      @Value("${ragops.chunker.max-tokens:256}") int maxTokens,
      @Value("${ragops.chunker.overlap:32}") int overlap) {
    this.tokenizer = tokenizer;
    var configured = new ChunkerSettings(strategy, maxTokens, overlap, 3, 1);
    this.defaults = configured.orElse(configured); // validates
  }

  /** The defaults, with every field filled. */
  ChunkerSettings defaults() {
    return defaults;
  }

  /**
   * The chunker for {@code settings}; {@code null} fields take the defaults.
   *
   * @throws IllegalArgumentException when the settings are invalid, naming the field
   */
  Chunker forSettings(ChunkerSettings settings) {
    var filled = settings == null ? defaults : settings.orElse(defaults);
    return switch (filled.strategy()) {
      case "recursive" -> new RecursiveChunker(tokenizer, filled.maxTokens(), filled.overlap());
      case "sentence-window" ->
          new SentenceWindowChunker(
              tokenizer, filled.maxTokens(), filled.sentences(), filled.sentenceOverlap());
      case "structure" -> new StructureChunker(tokenizer, filled.maxTokens(), filled.overlap());
      default -> new TokenWindowChunker(tokenizer, filled.maxTokens(), filled.overlap());
    };
  }
}
