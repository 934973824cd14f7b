package dev.ragops.model;

/** The embedding models this node can run, by id (implemented by gpu-embedder). */
public interface EmbedderCatalog {

  /**
   * The embedder of {@code modelId}, loaded on first use.
   *
   * @throws IllegalArgumentException when no such model is registered or its files are not on the
   *     classpath; the message names the known models
   */
  Embedder forModel(String modelId);
}
