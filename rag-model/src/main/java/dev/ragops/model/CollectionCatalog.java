package dev.ragops.model;

/** Knows which collections exist. */
public interface CollectionCatalog {

  boolean exists(String collection);

  /** Throws {@link NotFoundException} unless the collection exists. */
  default void require(String collection) {
    if (!exists(collection)) {
      throw new NotFoundException("collection '" + collection + "' does not exist");
    }
  }
}
