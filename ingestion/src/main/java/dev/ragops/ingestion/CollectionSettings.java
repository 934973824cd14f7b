package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a collection stores in its {@code settings} column, and each generation in its own.
 *
 * @param chunker how its documents are chunked
 * @param embedding the embedding model; null means the configured one ({@code
 *     ragops.embedder.model})
 * @param analyzer how the keyword leg analyzes its text ({@link dev.ragops.model.TextAnalysis});
 *     absent in collections created before the choice existed, which are English
 */
@Serdeable
record CollectionSettings(
    @Nullable ChunkerSettings chunker,
    @Nullable EmbeddingSettings embedding,
    @Nullable String analyzer) {

  CollectionSettings(@Nullable ChunkerSettings chunker) {
    this(chunker, null, null);
  }

  /** Which registered model embeds a collection's chunks, e.g. {@code all-minilm-l6-v2}. */
  @Serdeable
  record EmbeddingSettings(@Nullable String model) {}
}
