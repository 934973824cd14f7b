package dev.ragops.model;

import java.util.Map;

/**
 * A collection's own search defaults (set by tuning in rag-eval): the fusion settings a hybrid
 * search takes when it names none of {@code fusion}, {@code rrfK}, {@code weights} and {@code
 * normalization}; with them, a {@code rerank} default and the collection's learned rerank model
 * under {@link LearnedModel#DEFAULTS_KEY} ({@link LearnedModel#toMap()}), which {@code
 * "rerank":{"type":"learned"}} needs.
 */
public interface RetrievalDefaults {

  /** The collection's defaults in the search API's vocabulary; empty when it has none. */
  Map<String, Object> defaults(String collection);
}
