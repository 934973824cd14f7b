package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** A document as the API shows it. */
@Serdeable
record DocumentView(
    String documentId,
    String collection,
    String sourceId,
    @Nullable String title,
    @Nullable String contentType,
    String contentHash,
    long sizeBytes,
    int version,
    String status,
    @Nullable String error,
    int chunkCount,
    Map<String, Object> metadata,
    Instant createdAt,
    Instant updatedAt) {}
