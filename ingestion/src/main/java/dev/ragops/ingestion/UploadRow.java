package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.util.UUID;

/**
 * The bytes of an upload, kept until its job has succeeded (a failed job keeps them for a retry).
 *
 * @param title a title sent with the upload; it wins over the title Tika extracts
 */
@MappedEntity("uploads")
record UploadRow(
    @Id UUID jobId, @Nullable String fileName, byte[] content, @Nullable String title) {}
