package dev.ragops.retrieval;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The searches the query log's sampling left out, held in this node's memory for a while ({@code
 * ragops.query-log.hold}, default 1 h, at most {@code ragops.query-log.hold-max} entries, oldest
 * dropped first), so that feedback on one of them can still log it ({@link QueryLog#logged}).
 */
final class UnloggedQueries {

  private record Held(String collection, QueryLog.Entry entry, Instant at) {}

  private final Duration hold;
  private final Map<String, Held> held;

  UnloggedQueries(Duration hold, int max) {
    this.hold = hold;
    this.held =
        new LinkedHashMap<>(16, 0.75f, false) {
          @Override
          protected boolean removeEldestEntry(Map.Entry<String, Held> eldest) {
            return size() > max;
          }
        };
  }

  synchronized void hold(String collection, QueryLog.Entry entry) {
    held.put(entry.queryId(), new Held(collection, entry, Instant.now()));
  }

  /** Takes the held search {@code queryId} of {@code collection}, if still held. */
  synchronized Optional<QueryLog.Entry> take(String collection, String queryId) {
    var found = held.get(queryId);
    if (found == null || !found.collection().equals(collection)) {
      return Optional.empty();
    }
    held.remove(queryId);
    return found.at().plus(hold).isAfter(Instant.now())
        ? Optional.of(found.entry())
        : Optional.empty();
  }
}
