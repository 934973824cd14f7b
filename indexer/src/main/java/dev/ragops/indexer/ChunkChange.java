package dev.ragops.indexer;

import io.micronaut.core.annotation.Nullable;

/**
 * One entry of the change sequence: the chunks of {@code documentId} changed, or, when it is {@code
 * null}, the whole collection was deleted. {@code traceparent} names the traced write that made the
 * change, when there was one.
 */
record ChunkChange(
    long seq, String collection, @Nullable String documentId, @Nullable String traceparent) {}
