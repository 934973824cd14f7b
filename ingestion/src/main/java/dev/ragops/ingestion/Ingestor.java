package dev.ragops.ingestion;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Accepts documents into a collection. A document's identity is (collection, source id); the same
 * bytes again are a no-op, changed bytes become a new version that replaces the old chunks when its
 * job finishes.
 */
@Singleton
public final class Ingestor {

  private final Collections collections;
  private final DocumentRepository documents;
  private final JobRepository jobs;
  private final UploadRepository uploads;
  private final ChunkWriter chunks;
  private final IngestWorkers workers;
  private final TransactionOperations<Connection> transactions;

  Ingestor(
      Collections collections,
      DocumentRepository documents,
      JobRepository jobs,
      UploadRepository uploads,
      ChunkWriter chunks,
      IngestWorkers workers,
      TransactionOperations<Connection> transactions) {
    this.collections = collections;
    this.documents = documents;
    this.jobs = jobs;
    this.uploads = uploads;
    this.chunks = chunks;
    this.workers = workers;
    this.transactions = transactions;
  }

  /**
   * Records an upload and queues its job.
   *
   * @param metadataJson the document's user metadata as a JSON object text (already validated)
   */
  Submission submit(
      String collectionName,
      @Nullable String fileName,
      byte[] content,
      @Nullable String sourceId,
      String metadataJson) {
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
            var job =
                jobs.save(
                    newJob(
                        existing.get(),
                        JobRow.SUCCEEDED,
                        existing.get().status(),
                        existing.get().chunkCount()));
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
          var job = jobs.save(newJob(document, JobRow.QUEUED, DocumentStatus.QUEUED, 0));
          uploads.save(new UploadRow(job.id(), fileName, content));
          return new Submission(
              document.id().toString(),
              job.id().toString(),
              job.status(),
              existing.isPresent() ? "replaced" : "added");
        });
    if (submission.status().equals(JobRow.QUEUED)) {
      workers.dispatch(UUID.fromString(submission.jobId()));
    }
    return submission;
  }

  List<DocumentRow> documents(String collectionName) {
    return documents.findByCollectionIdOrderBySourceId(collections.get(collectionName).id());
  }

  DocumentRow document(String collectionName, String documentId) {
    var collection = collections.get(collectionName);
    return parseId(documentId)
        .flatMap(id -> documents.findByIdAndCollectionId(id, collection.id()))
        .orElseThrow(() ->
            new NotFoundException(
                "document '"
                    + documentId
                    + "' does not exist in collection '"
                    + collectionName
                    + "'"));
  }

  void deleteDocument(String collectionName, String documentId) {
    var document = document(collectionName, documentId);
    documents.delete(document);
    chunks.deleteDocument(collectionName, document.id().toString());
  }

  JobRow job(String jobId) {
    return parseId(jobId)
        .flatMap(jobs::findById)
        .orElseThrow(() -> new NotFoundException("job '" + jobId + "' does not exist"));
  }

  private static Optional<UUID> parseId(String id) {
    try {
      return Optional.of(UUID.fromString(id));
    } catch (IllegalArgumentException notAnId) {
      return Optional.empty();
    }
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

  private static JobRow newJob(DocumentRow document, String status, String stage, int chunks) {
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
        now);
  }

  static String sha256(byte[] content) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(content));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
