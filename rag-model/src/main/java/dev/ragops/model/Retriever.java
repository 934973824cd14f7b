package dev.ragops.model;

import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Searches one generation of a collection with explicit settings, for callers that measure
 * retrieval (rag-eval) rather than serve it: nothing is written to the query log.
 *
 * <p>Settings use the search API's vocabulary: {@code mode} ({@code hybrid}, {@code keyword} or
 * {@code vector}), {@code fusion} ({@code rrf} or {@code weighted}), {@code rrfK}, {@code weights}
 * ({@code {"keyword":…,"vector":…}}), {@code normalization} ({@code minmax} or {@code zscore}),
 * {@code candidates}, {@code filter} and {@code rerank} ({@code
 * {"type":"mmr"|"model"|"learned",…}}). An absent key takes the search API's default.
 */
public interface Retriever {

  /**
   * Checks {@code settings} without searching.
   *
   * @throws IllegalArgumentException naming the first unknown key or invalid value
   */
  void validate(Map<String, Object> settings);

  /**
   * The best {@code k} chunks of {@code generation} of {@code collection} for {@code query}, best
   * first.
   *
   * @throws NotFoundException if the collection does not exist
   * @throws IllegalArgumentException for invalid settings, a blank query, k outside 1..1000 or a
   *     generation below 1
   */
  List<Hit> retrieve(
      String collection, int generation, String query, int k, Map<String, Object> settings);

  /**
   * One retrieved chunk, with its document, the score that placed it and its learned-rerank
   * features ({@link LearnedModel#FEATURES}, by name; empty where the retriever computes none),
   * taken over all the fused candidates so that tuning can fit a {@link LearnedModel}.
   */
  record Hit(
      String chunkId,
      String documentId,
      String sourceId,
      double score,
      Map<String, Double> features) {

    public Hit {
      Objects.requireNonNull(chunkId, "chunkId");
      Objects.requireNonNull(documentId, "documentId");
      Objects.requireNonNull(sourceId, "sourceId");
      features = features == null ? Map.of() : Map.copyOf(features);
    }

    /** A hit without features. */
    public Hit(String chunkId, String documentId, String sourceId, double score) {
      this(chunkId, documentId, sourceId, score, Map.of());
    }
  }
}
