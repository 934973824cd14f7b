package dev.ragops.retrieval;

import dev.ragops.model.Chunk;

/**
 * A chunk with the evidence behind its place: each leg's score and 1-based rank ({@code null} where
 * that leg did not return it) and the fused score.
 */
record FusedHit(
    Chunk chunk,
    double fused,
    Double keywordScore,
    Integer keywordRank,
    Double vectorScore,
    Integer vectorRank) {

  FusedHit plus(FusedHit other) {
    return new FusedHit(
        chunk,
        fused + other.fused,
        keywordScore != null ? keywordScore : other.keywordScore,
        keywordRank != null ? keywordRank : other.keywordRank,
        vectorScore != null ? vectorScore : other.vectorScore,
        vectorRank != null ? vectorRank : other.vectorRank);
  }
}
