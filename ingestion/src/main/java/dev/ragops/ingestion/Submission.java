package dev.ragops.ingestion;

import io.micronaut.serde.annotation.Serdeable;

/**
 * The answer to an upload.
 *
 * @param status the job's status
 * @param result {@code added}, {@code unchanged} (identical bytes, no work) or {@code replaced}
 */
@Serdeable
record Submission(String documentId, String jobId, String status, String result) {}
