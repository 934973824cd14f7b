package dev.ragops.ingestion;

import dev.ragops.model.ConflictException;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.RetriableException;
import dev.ragops.model.Traceparent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.UUID;
import org.jobrunr.scheduling.JobScheduler;

/**
 * Accepts documents into a collection. A document's identity is (collection, source id); the same
 * bytes again are a no-op, changed bytes become a new version that replaces the old chunks when its
 * job finishes. A failed document can be retried from its kept upload.
 */
@Singleton
public final class Ingestor {

  private final Collections collections;
  private final Documents documentEdits;
  private final DocumentRepository documents;
  private final JobRepository jobs;
  private final UploadRepository uploads;
  private final JobScheduler scheduler;
  private final TransactionOperations<Connection> transactions;

  Ingestor(
      Collections collections,
      Documents documentEdits,
      DocumentRepository documents,
      JobRepository jobs,
      UploadRepository uploads,
      JobScheduler scheduler,
      TransactionOperations<Connection> transactions) {
    this.collections = collections;
    this.documentEdits = documentEdits;
    this.documents = documents;
    this.jobs = jobs;
    this.uploads = uploads;
    this.scheduler = scheduler;
    this.transactions = transactions;
  }

  /**
   * Records an upload and queues its job.
   *
   * @param fileName the client's file name: the default source id, and a hint for the parser
   * @param metadataJson the document's user metadata as a JSON object text (already validated)
   * @param title a title that wins over the extracted one, or null
   * @param batchId the upload request's id when it brings several documents, or null
   */
  Submission submit(
      String collectionName,
      @Nullable String fileName,
      byte[] content,
      @Nullable String sourceId,
      String metadataJson,
      @Nullable String title,
      @Nullable UUID batchId) {
    var collection = collections.get(collectionName);
    String identity = sourceId == null || sourceId.isBlank() ? fileName : sourceId.strip();
    if (identity == null || identity.isBlank()) {
      throw new IllegalArgumentException("sourceId is required when the file has no name");
    }
    if (content.length == 0) {
      throw new IllegalArgumentException("file '" + identity + "' is empty");
    }
    String hash = sha256(content);
    Submission submission =
        transactions.executeWrite(status -> {
          var existing = documents.findByCollectionIdAndSourceId(collection.id(), identity);
          if (existing.isPresent()
              && existing.get().contentHash().equals(hash)
              && !existing.get().status().equals(DocumentStatus.FAILED)) {
            var pending =
                jobs.findByDocumentIdOrderByCreatedAtDesc(existing.get().id()).stream()
                    .filter(candidate -> !candidate.finished())
                    .findFirst();
            if (pending.isPresent()) {
              // the same bytes are being indexed already: that job is the answer
              return new Submission(
                  existing.get().id().toString(),
                  pending.get().id().toString(),
                  pending.get().status(),
                  "unchanged");
            }
            var job =
                jobs.save(
                    newJob(
                        existing.get(),
                        JobRow.SUCCEEDED,
                        existing.get().status(),
                        existing.get().chunkCount(),
                        batchId));
            return new Submission(
                existing.get().id().toString(), job.id().toString(), job.status(), "unchanged");
          }
          DocumentRow document =
              existing
                  .map(d -> documents.update(d.newVersion(hash, content.length, metadataJson)))
                  .orElseGet(() ->
                      documents.save(
                          newDocument(
                              collection.id(), identity, hash, content.length, metadataJson)));
          var job = jobs.save(newJob(document, JobRow.QUEUED, DocumentStatus.QUEUED, 0, batchId));
          uploads.save(new UploadRow(job.id(), fileName, content, blankToNull(title)));
          return new Submission(
              document.id().toString(),
              job.id().toString(),
              job.status(),
              existing.isPresent() ? "replaced" : "added");
        });
    if (submission.status().equals(JobRow.QUEUED) && !submission.result().equals("unchanged")) {
      enqueue(UUID.fromString(submission.jobId()));
    }
    return submission;
  }

  /**
   * Hands a stored job to the job engine under the job's own id, so the first run can be found (and
   * is never doubled). When the engine cannot take it (its database is unreachable), the job stays
   * queued in our table, {@link QueuedJobSweeper} hands it over later, and the caller gets a
   * retriable failure.
   */
  void enqueue(UUID jobId) {
    try {
      scheduler.<IngestJob>enqueue(jobId, job -> job.run(jobId));
    } catch (RuntimeException e) {
      throw new RetriableException(
          "the upload is stored but the job engine is unavailable; its job will be queued when it"
              + " is back",
          e);
    }
  }

  /**
   * Queues a failed document's last job again, from the upload kept when it failed.
   *
   * @throws ConflictException when the document has not failed or its upload is gone
   */
  Submission retry(String collectionName, String documentId) {
    var document = documentEdits.get(collectionName, documentId);
    Submission submission =
        transactions.executeWrite(status -> {
          var current = documents.findById(document.id()).orElseThrow();
          if (!current.status().equals(DocumentStatus.FAILED)) {
            throw new ConflictException(
                "document '"
                    + documentId
                    + "' is "
                    + current.status()
                    + "; only failed documents can be retried");
          }
          var job =
              jobs.findByDocumentIdOrderByCreatedAtDesc(current.id()).stream()
                  .filter(candidate -> uploads.existsById(candidate.id()))
                  .findFirst()
                  .orElseThrow(() ->
                      new ConflictException(
                          "the upload of document '"
                              + documentId
                              + "' is no longer kept; upload the file again"));
          documents.update(current.withStatus(DocumentStatus.QUEUED, null));
          var requeued = jobs.update(job.requeued(Traceparent.current()));
          return new Submission(
              current.id().toString(), requeued.id().toString(), requeued.status(), "retried");
        });
    UUID jobId = UUID.fromString(submission.jobId());
    // a new engine job: the first run's keeps its own history
    scheduler.<IngestJob>enqueue(job -> job.run(jobId));
    return submission;
  }

  JobRow job(String jobId) {
    return Documents.parseId(jobId)
        .flatMap(jobs::findById)
        .orElseThrow(() -> new NotFoundException("job '" + jobId + "' does not exist"));
  }

  /** How far the jobs of one upload request have got. */
  BatchProgress batch(UUID batchId) {
    return jobs.batchProgress(batchId);
  }

  private static String blankToNull(@Nullable String value) {
    return value == null || value.isBlank() ? null : value.strip();
  }

  private static DocumentRow newDocument(
      UUID collectionId, String sourceId, String hash, long size, String metadataJson) {
    var now = Instant.now();
    return new DocumentRow(
        UUID.randomUUID(),
        collectionId,
        sourceId,
        null,
        null,
        hash,
        size,
        1,
        DocumentStatus.QUEUED,
        null,
        metadataJson,
        0,
        now,
        now);
  }

  private static JobRow newJob(
      DocumentRow document, String status, String stage, int chunks, @Nullable UUID batchId) {
    var now = Instant.now();
    return new JobRow(
        UUID.randomUUID(),
        document.collectionId(),
        document.id(),
        status,
        stage,
        chunks,
        chunks,
        null,
        now,
        now,
        document.version(),
        batchId,
        Traceparent.current());
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
