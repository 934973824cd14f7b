package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/**
 * One collection.
 *
 * @param settings a JSON object text, {@link CollectionSettings}
 * @param previousGeneration the generation kept for a rollback; searches fall back to it on a node
 *     whose index has not applied {@code activeReadySeq} yet
 * @param activeReadySeq the last chunk change of the active generation's build
 */
@MappedEntity("collections")
record CollectionRow(
    @Id UUID id,
    String name,
    int activeGeneration,
    Instant createdAt,
    String settings,
    @Nullable Integer previousGeneration,
    long activeReadySeq) {}
