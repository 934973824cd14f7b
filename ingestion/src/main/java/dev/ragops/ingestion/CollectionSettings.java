package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a collection stores in its {@code settings} column.
 *
 * @param chunker how its documents are chunked
 * @param analyzer how the keyword leg analyzes its text ({@link dev.ragops.model.TextAnalysis});
 *     absent in collections created before the choice existed, which are English
 */
@Serdeable
record CollectionSettings(@Nullable ChunkerSettings chunker, @Nullable String analyzer) {}
