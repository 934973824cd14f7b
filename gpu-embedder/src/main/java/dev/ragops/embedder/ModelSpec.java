package dev.ragops.embedder;

import java.util.Objects;

/**
 * What the embedder needs to know about one ONNX embedding model.
 *
 * @param id identifier recorded on every chunk the model embedded
 * @param onnxResource classpath resource of the {@code .onnx} graph
 * @param tokenizerResource classpath resource of the Hugging Face {@code tokenizer.json}
 * @param dimension length of the output vectors
 * @param pooling how token vectors become one text vector
 * @param maxTokens longest input the model accepts, special tokens included; longer texts are
 *     truncated for embedding
 * @param queryPrefix instruction prepended to search queries (empty when the model has none)
 * @param normalize whether vectors are scaled to unit length
 */
record ModelSpec(
    String id,
    String onnxResource,
    String tokenizerResource,
    int dimension,
    Pooling pooling,
    int maxTokens,
    String queryPrefix,
    boolean normalize) {

  ModelSpec {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(onnxResource, "onnxResource");
    Objects.requireNonNull(tokenizerResource, "tokenizerResource");
    Objects.requireNonNull(pooling, "pooling");
    Objects.requireNonNull(queryPrefix, "queryPrefix");
    if (dimension <= 0) {
      throw new IllegalArgumentException("dimension must be positive, got " + dimension);
    }
    if (maxTokens < 2) {
      throw new IllegalArgumentException("maxTokens must be at least 2, got " + maxTokens);
    }
  }
}
