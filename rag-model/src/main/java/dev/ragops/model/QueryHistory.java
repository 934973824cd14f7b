package dev.ragops.model;

import java.util.List;
import java.util.Optional;

/** The searches a collection has logged, so that real traffic can become evaluation cases. */
public interface QueryHistory {

  /** The logged search {@code queryId} of {@code collection}, if it was logged. */
  Optional<LoggedQuery> find(String collection, String queryId);

  /**
   * One logged search: its text and the page of results it returned, best first.
   *
   * @param documentIds the hits' document ids, one per hit (so repeats are possible)
   */
  record LoggedQuery(String id, String query, List<String> chunkIds, List<String> documentIds) {

    public LoggedQuery {
      chunkIds = List.copyOf(chunkIds);
      documentIds = List.copyOf(documentIds);
    }
  }
}
