package dev.ragops.model;

import java.time.Instant;
import java.util.List;

/**
 * Users' relevance judgments of search hits, stored with the query log; evaluation reads them to
 * build golden cases and to tune fusion.
 */
public interface RelevanceFeedback {

  /** The collection's judgments, oldest first. */
  List<Judgment> judgments(String collection);

  /**
   * One judgment.
   *
   * @param queryId the logged search it is about
   * @param query the search's text
   * @param chunkId the judged chunk, or null when a whole document was judged
   * @param documentId the judged document (the chunk's, for a chunk)
   * @param sourceId the judged document's source id, null if it is gone
   * @param relevant whether the user found it relevant
   * @param inResults whether it was among the search's results
   */
  record Judgment(
      String queryId,
      String query,
      String chunkId,
      String documentId,
      String sourceId,
      boolean relevant,
      boolean inResults,
      Instant createdAt) {}
}
