package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/**
 * A collection as the API shows it, with its chunker settings filled in, the analyzer of its
 * keyword leg and its ingest content scan mode.
 */
@Serdeable
record CollectionView(
    String name,
    long documents,
    Instant createdAt,
    ChunkerSettings chunker,
    String analyzer,
    String scanning) {}
