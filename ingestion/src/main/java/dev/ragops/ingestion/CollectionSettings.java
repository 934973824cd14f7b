package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;

/**
 * What a collection stores in its {@code settings} column.
 *
 * @param scanning the content scan mode: {@code off}, {@code flag}, {@code redact} or {@code
 *     reject} ({@link ScanMode}); {@code null} means off
 */
@Serdeable
record CollectionSettings(@Nullable ChunkerSettings chunker, @Nullable String scanning) {}
