package dev.ragops.eval;

import dev.ragops.model.DocumentSources;
import dev.ragops.model.DocumentSources.Failure;
import dev.ragops.model.DocumentSources.Reconciliation;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The {@code sources} check: re-fetches URL-sourced documents (conditional GET, then hash), so
 * changed ones are re-ingested and gone ones deleted, retries the failed ones once, and reports
 * seen, unchanged, changed, deleted and failed. Documents whose check still fails are marked stale.
 */
@Singleton
class SourcesCheck implements FreshnessCheck {

  private final DocumentSources sources;
  private final StaleDocuments stale;

  SourcesCheck(DocumentSources sources, StaleDocuments stale) {
    this.sources = sources;
    this.stale = stale;
  }

  @Override
  public String name() {
    return "sources";
  }

  @Override
  public Finding run(Schedule schedule) {
    String collection = schedule.collection();
    var first = sources.reconcile(collection, null);
    var report = first;
    int retried = 0;
    if (!first.failed().isEmpty()) {
      retried = first.failed().size();
      var again =
          sources.reconcile(
              collection,
              first.failed().stream().map(Failure::documentId).collect(Collectors.toSet()));
      report = merge(first, again);
    }
    stale.replace(
        collection, "sources", report.failed().stream().map(Failure::documentId).toList());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("seen", report.seen());
    details.put("unchanged", report.unchanged());
    details.put("changed", report.changed());
    details.put("deleted", report.deleted());
    details.put(
        "failed",
        report.failed().stream()
            .map(f ->
                Map.of(
                    "documentId", f.documentId(), "sourceId", f.sourceId(), "reason", f.reason()))
            .toList());
    details.put("retried", retried);
    boolean changes = !report.changed().isEmpty() || !report.deleted().isEmpty();
    String summary =
        "sources: %d seen, %d unchanged, %d changed, %d deleted, %d failed"
            .formatted(
                report.seen(),
                report.unchanged().size(),
                report.changed().size(),
                report.deleted().size(),
                report.failed().size());
    return new Finding(name(), changes || !report.failed().isEmpty(), changes, summary, details);
  }

  /** The first pass with its failed documents replaced by what the retry found. */
  private static Reconciliation merge(Reconciliation first, Reconciliation retry) {
    List<String> unchanged = new ArrayList<>(first.unchanged());
    unchanged.addAll(retry.unchanged());
    List<String> changed = new ArrayList<>(first.changed());
    changed.addAll(retry.changed());
    List<String> deleted = new ArrayList<>(first.deleted());
    deleted.addAll(retry.deleted());
    return new Reconciliation(first.seen(), unchanged, changed, deleted, retry.failed());
  }
}
