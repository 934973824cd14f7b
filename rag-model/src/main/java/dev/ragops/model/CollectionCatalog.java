package dev.ragops.model;

import java.util.OptionalInt;

/** Knows which collections exist and which index generation each one serves. */
public interface CollectionCatalog {

  /** The generation searches of {@code collection} read, or empty if it does not exist. */
  OptionalInt activeGeneration(String collection);

  /**
   * The embedding model that embedded {@code generation} of {@code collection}, so queries of it
   * are embedded the same way; null means the configured model.
   */
  default String embeddingModel(String collection, int generation) {
    return null;
  }

  default boolean exists(String collection) {
    return activeGeneration(collection).isPresent();
  }

  /** The active generation; throws {@link NotFoundException} unless the collection exists. */
  default int requireActiveGeneration(String collection) {
    return activeGeneration(collection)
        .orElseThrow(() -> new NotFoundException("collection '" + collection + "' does not exist"));
  }
}
