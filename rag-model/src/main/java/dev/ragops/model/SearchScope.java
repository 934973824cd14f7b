package dev.ragops.model;

import java.util.Objects;

/**
 * What one search may see: the chunks of one generation of one collection that pass a metadata
 * filter. Queries never mix generations.
 */
public record SearchScope(String collection, int generation, Filter filter) {

  public SearchScope {
    Objects.requireNonNull(collection, "collection");
    Objects.requireNonNull(filter, "filter");
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be >= 1, got " + generation);
    }
  }

  /** Generation 1 of {@code collection}, unfiltered. */
  public static SearchScope of(String collection) {
    return new SearchScope(collection, 1, Filter.ALL);
  }
}
