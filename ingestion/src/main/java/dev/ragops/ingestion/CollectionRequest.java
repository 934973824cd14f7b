package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.NotBlank;

/**
 * A collection to create.
 *
 * @param chunker how its documents are chunked; omitted fields take the configured defaults
 * @param analyzer how the keyword (BM25) leg analyzes its text: {@code english} (default), {@code
 *     standard}, {@code whitespace}, {@code german}, {@code french}, {@code spanish}, {@code
 *     italian}, {@code portuguese} or {@code dutch}; fixed once the collection exists
 * @param scanning the ingest content scan: {@code off} (default), {@code flag}, {@code redact} or
 *     {@code reject}
 */
@Serdeable
record CollectionRequest(
    @NotBlank String name,
    @Nullable ChunkerSettings chunker,
    @Nullable String analyzer,
    @Nullable String scanning) {}
