package dev.ragops.ingestion;

import io.micronaut.core.annotation.Introspected;
import io.micronaut.serde.annotation.Serdeable;

/**
 * How far the documents of one upload request have got: documents ended (succeeded or failed) out
 * of all, and chunks embedded out of those known so far (a document's chunk count is known once it
 * is chunked).
 */
@Introspected
@Serdeable
record BatchProgress(
    long documentsTotal,
    long documentsDone,
    long documentsFailed,
    long chunksDone,
    long chunksTotal) {}
