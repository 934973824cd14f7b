package dev.ragops.ingestion;

import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One collection.
 *
 * @param settings a JSON object text, {@link CollectionSettings}
 */
@MappedEntity("collections")
record CollectionRow(
    @Id UUID id, String name, int activeGeneration, Instant createdAt, String settings) {}
