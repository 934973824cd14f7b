package dev.ragops.model;

import java.util.Objects;

/**
 * Work done for one collection that counts towards its usage and budgets: one ingested document, or
 * one search.
 *
 * @param kind what was done
 * @param collection the collection it was done for
 * @param jobId the ingest job (ingest events), so the job's submitter can be charged; else null
 * @param model the embedding model
 * @param tokens model tokens: of every chunk (ingest), of the query (search)
 * @param cachedTokens of {@code tokens}, those whose vectors came from the embedding cache
 *     (embedded once before, so not embedded again)
 * @param chunks chunks stored (ingest)
 * @param computeMillis wall time the model spent embedding, for GPU-hour pricing
 */
public record UsageEvent(
    Kind kind,
    String collection,
    String jobId,
    String model,
    long tokens,
    long cachedTokens,
    int chunks,
    long computeMillis) {

  /** What was done. */
  public enum Kind {
    /** A document was embedded and stored. */
    INGEST,
    /** A search ran. */
    SEARCH
  }

  public UsageEvent {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(collection, "collection");
    if (tokens < 0 || cachedTokens < 0 || cachedTokens > tokens || chunks < 0) {
      throw new IllegalArgumentException(
          "usage counts must be >= 0 with cachedTokens <= tokens, got tokens="
              + tokens
              + ", cachedTokens="
              + cachedTokens
              + ", chunks="
              + chunks);
    }
  }

  public static UsageEvent search(String collection, String model, long queryTokens) {
    return new UsageEvent(Kind.SEARCH, collection, null, model, queryTokens, 0, 0, 0);
  }
}
