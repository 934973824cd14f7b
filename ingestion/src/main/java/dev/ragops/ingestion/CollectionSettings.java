package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/** What a collection stores in its {@code settings} column. */
@Serdeable
record CollectionSettings(@Nullable ChunkerSettings chunker) {}
