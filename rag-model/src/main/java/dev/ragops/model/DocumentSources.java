package dev.ragops.model;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Where a collection's documents came from, checked again (implemented by ingestion). URL-sourced
 * documents are fetched with {@code If-None-Match}/{@code If-Modified-Since}; a changed body is
 * ingested as a new version, a source that is gone (404 or 410) deletes its document.
 */
public interface DocumentSources {

  /** One document whose check failed, and why. */
  record Failure(String documentId, String sourceId, String reason) {}

  /**
   * The outcome of checking a collection's URL sources: how many were seen, and the source ids of
   * those unchanged, changed (re-ingested), deleted and failed.
   */
  record Reconciliation(
      int seen,
      List<String> unchanged,
      List<String> changed,
      List<String> deleted,
      List<Failure> failed) {}

  /** A document and when its content was last known to be current (ingested or checked). */
  record DocumentAge(String documentId, String sourceId, Instant refreshedAt) {}

  /**
   * Checks the collection's URL-sourced documents (only those in {@code onlyDocumentIds} when not
   * null), waits for the re-ingestion of changed ones, and reports.
   */
  Reconciliation reconcile(String collection, Set<String> onlyDocumentIds);

  /** Every ready document of the collection with the time its content was last refreshed. */
  List<DocumentAge> ages(String collection);
}
