package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an upload (or a retry).
 *
 * @param status the job's status
 * @param result {@code added}, {@code unchanged} (identical bytes, no work), {@code replaced} (a
 *     new version) or {@code retried} (a failed document queued again)
 */
@Serdeable
record Submission(String documentId, String jobId, String status, String result) {}
