package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

@Serdeable
record CollectionView(String name, long documents, Instant createdAt) {}
