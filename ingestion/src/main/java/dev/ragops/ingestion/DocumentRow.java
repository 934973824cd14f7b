package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Id;
import io.micronaut.data.annotation.MappedEntity;
import java.time.Instant;
import java.util.UUID;

/** One document of a collection, identified by (collection, source id); versions replace it. */
@MappedEntity("documents")
record DocumentRow(
    @Id UUID id,
    UUID collectionId,
    String sourceId,
    @Nullable String title,
    @Nullable String contentType,
    String contentHash,
    long sizeBytes,
    int version,
    String status,
    @Nullable String error,
    String metadata,
    int chunkCount,
    Instant createdAt,
    Instant updatedAt) {

  DocumentRow withStatus(String status, @Nullable String error) {
    return new DocumentRow(
        id,
        collectionId,
        sourceId,
        title,
        contentType,
        contentHash,
        sizeBytes,
        version,
        status,
        error,
        metadata,
        chunkCount,
        createdAt,
        Instant.now());
  }

  DocumentRow newVersion(String contentHash, long sizeBytes, String metadata) {
    return new DocumentRow(
        id,
        collectionId,
        sourceId,
        title,
        contentType,
        contentHash,
        sizeBytes,
        version + 1,
        DocumentStatus.QUEUED,
        null,
        metadata,
        chunkCount,
        createdAt,
        Instant.now());
  }

  DocumentRow withMetadata(String metadata) {
    return new DocumentRow(
        id,
        collectionId,
        sourceId,
        title,
        contentType,
        contentHash,
        sizeBytes,
        version,
        status,
        error,
        metadata,
        chunkCount,
        createdAt,
        Instant.now());
  }

  DocumentRow ready(String title, String contentType, int chunkCount, String metadata) {
    return new DocumentRow(
        id,
        collectionId,
        sourceId,
        title,
        contentType,
        contentHash,
        sizeBytes,
        version,
        DocumentStatus.READY,
        null,
        metadata,
        chunkCount,
        createdAt,
        Instant.now());
  }
}
