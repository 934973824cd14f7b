package dev.ragops.model;

import java.util.OptionalInt;

/** Knows which collections exist and which index generation each one serves. */
public interface CollectionCatalog {

  /** The generation searches of {@code collection} read, or empty if it does not exist. */
  OptionalInt activeGeneration(String collection);

  default boolean exists(String collection) {
    return activeGeneration(collection).isPresent();
  }

  /** The active generation; throws {@link NotFoundException} unless the collection exists. */
  default int requireActiveGeneration(String collection) {
    return activeGeneration(collection)
        .orElseThrow(() -> new NotFoundException("collection '" + collection + "' does not exist"));
  }
}
