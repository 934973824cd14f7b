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
 * @param scanning the content scan mode: {@code off}, {@code flag}, {@code redact} or {@code
 *     reject} ({@link ScanMode}); {@code null} means off
 */
@Serdeable
record CollectionSettings(
    @Nullable ChunkerSettings chunker,
    @Nullable EmbeddingSettings embedding,
    @Nullable String analyzer,
    @Nullable String scanning) {

  CollectionSettings(@Nullable ChunkerSettings chunker) {
    this(chunker, null, null, null);
  }

  /** The same settings with another chunker and embedding model (a reindex's settings). */
  CollectionSettings with(ChunkerSettings chunker, @Nullable EmbeddingSettings embedding) {
    return new CollectionSettings(chunker, embedding, analyzer, scanning);
  }

  /** Which registered model embeds a collection's chunks, e.g. {@code all-minilm-l6-v2}. */
  @Serdeable
  record EmbeddingSettings(@Nullable String model) {}
}
