package dev.ragops.model;

import java.util.BitSet;
import java.util.List;

/**
 * Turns text into dense vectors. Implementations are thread-safe and return unit-length vectors of
 * {@link #dimension()} floats.
 */
public interface Embedder {

  /**
   * Identifier of the model, recorded on every chunk it embedded (e.g. {@code
   * bge-small-en-v1.5-q}).
   */
  String modelId();

  int dimension();

  /** Embeds passages to be stored; one vector per text, in input order. */
  List<float[]> embedDocuments(List<String> texts);

  /**
   * Embeds like {@link #embedDocuments} and says which texts were served from a cache instead of
   * the model (bit {@code i} set: text {@code i}); without a cache, none.
   */
  default Embedded embedCounted(List<String> texts) {
    return new Embedded(embedDocuments(texts), new BitSet());
  }

  /** Vectors in input order, and which of them came from a cache. */
  record Embedded(List<float[]> vectors, BitSet cached) {}

  /** Embeds a search query; models with a query instruction apply it here. */
  default float[] embedQuery(String query) {
    return embedDocuments(List.of(query)).get(0);
  }
}
