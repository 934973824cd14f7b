package dev.ragops.retrieval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.Map;

/**
 * A search. Every field but {@code query} is optional.
 *
 * @param query the user's text
 * @param k how many hits to return (default 10, at most 1000)
 * @param offset hits to skip, for paging (default 0)
 * @param mode {@code hybrid} (default), {@code keyword} or {@code vector}
 * @param filter a metadata filter, see {@link dev.ragops.model.FilterSyntax}
 * @param fusion {@code rrf} (default) or {@code weighted}, for hybrid mode
 * @param rrfK the RRF constant (default 60)
 * @param weights for weighted fusion: {@code keyword} and {@code vector} (default 0.5 each)
 * @param normalization for weighted fusion: {@code minmax} (default) or {@code zscore}
 * @param candidates chunks each leg returns before fusion (default: the server's setting)
 * @param minScore hits scoring below this are dropped (on the final score)
 * @param rerank an optional rerank stage, e.g. {@code {"type":"mmr","lambda":0.7}}
 */
@Serdeable
record SearchRequest(
    @NotBlank(message = "query must not be empty") @Size(max = 4096) String query,
    @Nullable @Min(1) @Max(1000) Integer k,
    @Nullable @Min(0) @Max(10000) Integer offset,
    @Nullable
        @Pattern(
            regexp = "hybrid|keyword|vector",
            message = "mode must be hybrid, keyword or vector")
        String mode,
    @Nullable Map<String, Object> filter,
    @Nullable @Pattern(regexp = "rrf|weighted", message = "fusion must be rrf or weighted")
        String fusion,
    @Nullable @Min(1) @Max(10000) Integer rrfK,
    @Nullable @Valid Weights weights,
    @Nullable @Pattern(regexp = "minmax|zscore", message = "normalization must be minmax or zscore")
        String normalization,
    @Nullable @Min(1) @Max(2000) Integer candidates,
    @Nullable Double minScore,
    @Nullable @Valid Rerank rerank) {

  /** Weights of the legs in weighted fusion; they need not sum to 1. */
  @Serdeable
  record Weights(
      @DecimalMin("0") @DecimalMax("100") double keyword,
      @DecimalMin("0") @DecimalMax("100") double vector) {}

  /**
   * A rerank stage over the fused candidates.
   *
   * @param type {@code mmr} (maximal marginal relevance) or {@code model} (a cross-encoder or a
   *     second bi-encoder, as configured; see the README) or {@code learned} (the collection's
   *     linear model fitted by tuning, {@link LearnedRerank})
   * @param lambda for mmr: 1 keeps relevance order, 0 maximizes diversity (default 0.7)
   * @param topN for model: how many fused hits are re-scored (default 20)
   */
  @Serdeable
  record Rerank(
      @Pattern(regexp = "mmr|model|learned", message = "rerank.type must be mmr, model or learned")
          String type,
      @Nullable @DecimalMin("0") @DecimalMax("1") Double lambda,
      @Nullable @Min(1) @Max(200) Integer topN) {

    int topNOrDefault() {
      return topN == null ? 20 : topN;
    }

    double lambdaOrDefault() {
      return lambda == null ? 0.7 : lambda;
    }
  }

  int kOrDefault() {
    return k == null ? 10 : k;
  }

  int offsetOrDefault() {
    return offset == null ? 0 : offset;
  }

  String modeOrDefault() {
    return mode == null ? "hybrid" : mode;
  }

  Fusion fusionOrDefault() {
    if ("weighted".equals(fusion)) {
      var w = weights == null ? new Weights(0.5, 0.5) : weights;
      return new WeightedFusion(
          w.keyword(),
          w.vector(),
          "zscore".equals(normalization)
              ? WeightedFusion.Normalization.ZSCORE
              : WeightedFusion.Normalization.MINMAX);
    }
    return new ReciprocalRankFusion(rrfK == null ? ReciprocalRankFusion.DEFAULT_K : rrfK);
  }
}
