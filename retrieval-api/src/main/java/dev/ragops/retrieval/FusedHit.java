package dev.ragops.retrieval;

import dev.ragops.model.Chunk;

/**
 * A chunk with the evidence behind its place: each leg's score and 1-based rank ({@code null} where
 * that leg did not return it), the fused score and, after a rerank stage, its score.
 */
record FusedHit(
    Chunk chunk,
    double fused,
    Double keywordScore,
    Integer keywordRank,
    Double vectorScore,
    Integer vectorRank,
    Double rerankScore) {

  FusedHit(
      Chunk chunk,
      double fused,
      Double keywordScore,
      Integer keywordRank,
      Double vectorScore,
      Integer vectorRank) {
    this(chunk, fused, keywordScore, keywordRank, vectorScore, vectorRank, null);
  }

  FusedHit plus(FusedHit other) {
    return new FusedHit(
        chunk,
        fused + other.fused,
        keywordScore != null ? keywordScore : other.keywordScore,
        keywordRank != null ? keywordRank : other.keywordRank,
        vectorScore != null ? vectorScore : other.vectorScore,
        vectorRank != null ? vectorRank : other.vectorRank);
  }

  FusedHit reranked(double score) {
    return new FusedHit(chunk, fused, keywordScore, keywordRank, vectorScore, vectorRank, score);
  }

  /** The score that ordered this hit: the rerank score when reranked, else the fused score. */
  double finalScore() {
    return rerankScore != null ? rerankScore : fused;
  }
}
