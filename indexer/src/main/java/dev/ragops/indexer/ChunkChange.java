package dev.ragops.indexer;

import io.micronaut.core.annotation.Nullable;

/**
 * One entry of the change sequence: the chunks of {@code documentId} changed, or, when it is {@code
 * null}, the whole collection was deleted.
 */
record ChunkChange(long seq, String collection, @Nullable String documentId) {}
