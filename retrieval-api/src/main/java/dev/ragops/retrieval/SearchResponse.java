package dev.ragops.retrieval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Hits best first, the id under which the query was logged, and the server-side time the search
 * took.
 */
@Serdeable
record SearchResponse(String queryId, List<Hit> results, long tookMs) {

  /**
   * One chunk with the scores that placed it and where it came from; {@code flags} are what the
   * ingest content scan found in it ({@code pii:email}, {@code injection:instruction}, …).
   */
  @Serdeable
  record Hit(
      String chunkId,
      String documentId,
      String sourceId,
      String title,
      int ordinal,
      String text,
      double score,
      Scores scores,
      List<String> highlights,
      String headingPath,
      int page,
      Freshness freshness,
      Map<String, Object> metadata,
      List<String> flags) {}

  /**
   * Each leg's score and 1-based rank ({@code null} where that leg did not return the chunk), the
   * fused score (hybrid mode) and the rerank score (when a rerank stage ran).
   */
  @Serdeable
  record Scores(
      @Nullable Double keyword,
      @Nullable Integer keywordRank,
      @Nullable Double vector,
      @Nullable Integer vectorRank,
      @Nullable Double fused,
      @Nullable Double rerank) {}

  /**
   * How current the hit is: when it was indexed, from which document version and index generation,
   * the source's own modification time when the format records one, and whether a freshness check
   * found it stale.
   */
  @Serdeable
  record Freshness(
      @Nullable Instant indexedAt,
      int documentVersion,
      int generation,
      @Nullable String sourceModifiedAt,
      boolean stale) {}
}
