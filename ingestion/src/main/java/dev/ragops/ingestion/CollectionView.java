package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A collection as the API shows it, with its chunker settings filled in. */
@Serdeable
record CollectionView(
    String name, long documents, Instant createdAt, ChunkerSettings chunker, String scanning) {}
