package dev.ragops.retrieval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** Hits best first, and the server-side time the search took. */
@Serdeable
record SearchResponse(List<Hit> results, long tookMs) {

  /** One chunk with the scores that placed it. */
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
      Map<String, Object> metadata) {}

  /** Each leg's score and 1-based rank ({@code null} where that leg did not return the chunk). */
  @Serdeable
  record Scores(
      @Nullable Double keyword,
      @Nullable Integer keywordRank,
      @Nullable Double vector,
      @Nullable Integer vectorRank,
      @Nullable Double fused) {}
}
