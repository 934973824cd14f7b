package dev.ragops.ingestion;

import dev.ragops.model.DocumentSources;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Checks URL-sourced documents against their sources: a conditional GET ({@code If-None-Match},
 * {@code If-Modified-Since}) first, then the SHA-256 of the body. A changed body is ingested as a
 * new version (and waited for, up to {@code ragops.freshness.sources.job-timeout}); 404 or 410
 * deletes the document; anything else is reported as failed with the reason, to be retried.
 */
@Singleton
final class SourceCheck implements DocumentSources {

  private static final Logger LOG = LoggerFactory.getLogger(SourceCheck.class);

  private final Collections collections;
  private final DocumentSourceTable sources;
  private final UrlFetcher fetcher;
  private final Ingestor ingestor;
  private final Documents documents;
  private final JobRepository jobs;
  private final Duration jobTimeout;

  SourceCheck(
      Collections collections,
      DocumentSourceTable sources,
      UrlFetcher fetcher,
      Ingestor ingestor,
      Documents documents,
      JobRepository jobs,
      @Value("${ragops.freshness.sources.job-timeout:5m}") Duration jobTimeout) {
    this.collections = collections;
    this.sources = sources;
    this.fetcher = fetcher;
    this.ingestor = ingestor;
    this.documents = documents;
    this.jobs = jobs;
    this.jobTimeout = jobTimeout;
  }

  @Override
  public Reconciliation reconcile(String collection, @Nullable Set<String> onlyDocumentIds) {
    var row = collections.get(collection);
    List<String> unchanged = new ArrayList<>();
    List<String> changed = new ArrayList<>();
    List<String> deleted = new ArrayList<>();
    List<Failure> failed = new ArrayList<>();
    int seen = 0;
    for (var document : sources.urlDocuments(row.id())) {
      if (onlyDocumentIds != null && !onlyDocumentIds.contains(document.id().toString())) {
        continue;
      }
      seen++;
      try {
        var result = fetcher.recheck(document.url(), document.etag(), document.lastModified());
        switch (result) {
          case UrlFetcher.Recheck.Unchanged unused -> {
            sources.checked(document.id());
            unchanged.add(document.sourceId());
          }
          case UrlFetcher.Recheck.Gone gone -> {
            documents.delete(collection, document.id().toString());
            deleted.add(document.sourceId());
          }
          case UrlFetcher.Recheck.Changed(var fetched) -> {
            if (Ingestor.sha256(fetched.content()).equals(document.contentHash())) {
              sources.record(document.id(), document.url(), fetched.etag(), fetched.lastModified());
              unchanged.add(document.sourceId());
            } else {
              var submission =
                  ingestor.submit(
                      collection,
                      fetched.fileName(),
                      fetched.content(),
                      document.sourceId(),
                      document.metadata(),
                      null,
                      null);
              String error = await(UUID.fromString(submission.jobId()));
              if (error == null) {
                sources.record(
                    document.id(), document.url(), fetched.etag(), fetched.lastModified());
                changed.add(document.sourceId());
              } else {
                failed.add(new Failure(document.id().toString(), document.sourceId(), error));
              }
            }
          }
        }
      } catch (RuntimeException e) {
        LOG.warn("Checking the source of {} failed: {}", document.sourceId(), e.getMessage());
        failed.add(
            new Failure(
                document.id().toString(), document.sourceId(), String.valueOf(e.getMessage())));
      }
    }
    return new Reconciliation(seen, unchanged, changed, deleted, failed);
  }

  @Override
  public List<DocumentAge> ages(String collection) {
    return sources.ages(collections.get(collection).id()).stream()
        .map(age -> new DocumentAge(age.id().toString(), age.sourceId(), age.refreshedAt()))
        .toList();
  }

  /** Waits for an ingest job; returns null when it succeeded, else why not. */
  private String await(UUID jobId) {
    long deadline = System.nanoTime() + jobTimeout.toNanos();
    while (System.nanoTime() < deadline) {
      var job = jobs.findById(jobId).orElse(null);
      if (job == null) {
        return "its ingest job " + jobId + " disappeared";
      }
      if (job.status().equals(JobRow.SUCCEEDED)) {
        return null;
      }
      if (job.status().equals(JobRow.FAILED)) {
        return "re-ingesting failed at " + job.stage() + ": " + job.error();
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return "interrupted while waiting for ingest job " + jobId;
      }
    }
    return "its ingest job " + jobId + " did not finish within " + jobTimeout;
  }
}
