package dev.ragops.eval;

import dev.ragops.model.DocumentSources;
import dev.ragops.model.DocumentSources.DocumentAge;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The {@code ttl} check: documents whose content was last refreshed (ingested, or confirmed by a
 * sources check) longer than the schedule's {@code maxAge} ago. URL-sourced ones are re-checked at
 * once; those still too old are marked stale and alerted (a reindex cannot make content newer).
 */
@Singleton
class TtlCheck implements FreshnessCheck {

  private final DocumentSources sources;
  private final StaleDocuments stale;

  TtlCheck(DocumentSources sources, StaleDocuments stale) {
    this.sources = sources;
    this.stale = stale;
  }

  @Override
  public String name() {
    return "ttl";
  }

  @Override
  public Finding run(Schedule schedule) {
    String collection = schedule.collection();
    Instant cutoff = Instant.now().minus(schedule.maxAge());
    Set<String> old = expired(sources.ages(collection), cutoff);
    int rechecked = 0;
    if (!old.isEmpty()) {
      var report = sources.reconcile(collection, old);
      rechecked = report.seen();
      old = expired(sources.ages(collection), cutoff);
    }
    stale.replace(collection, "ttl", old);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("maxAge", schedule.maxAge().toString());
    details.put("expired", old.size());
    details.put("rechecked", rechecked);
    details.put("documentIds", List.copyOf(old));
    return new Finding(
        name(),
        !old.isEmpty(),
        false,
        "ttl: %d documents older than %s (%d URL sources re-checked)"
            .formatted(old.size(), schedule.maxAge(), rechecked),
        details);
  }

  private static Set<String> expired(List<DocumentAge> ages, Instant cutoff) {
    return ages.stream()
        .filter(age -> age.refreshedAt().isBefore(cutoff))
        .map(DocumentAge::documentId)
        .collect(Collectors.toCollection(java.util.TreeSet::new));
  }
}
