package dev.ragops.model;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How the keyword (BM25) leg splits and normalizes a collection's text and its queries. Chosen per
 * collection when it is created ({@code "analyzer"} in the create request) and fixed afterwards;
 * {@link #ENGLISH} is the default.
 *
 * <ul>
 *   <li>{@code english}: words, lower case, English stop words removed, Porter stemming;
 *   <li>{@code standard}: words (Unicode segmentation), lower case, no stop words, no stemming;
 *   <li>{@code whitespace}: tokens split at whitespace only, case kept (codes, identifiers);
 *   <li>{@code german}, {@code french}, {@code spanish}, {@code italian}, {@code portuguese},
 *       {@code dutch}: that language's stop words and stemming.
 * </ul>
 */
public enum TextAnalysis {
  ENGLISH,
  STANDARD,
  WHITESPACE,
  GERMAN,
  FRENCH,
  SPANISH,
  ITALIAN,
  PORTUGUESE,
  DUTCH;

  /** The name used in the API and in collection settings, e.g. {@code english}. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The analysis named {@code id}; {@code null} means the default ({@link #ENGLISH}).
   *
   * @throws IllegalArgumentException for any other name, listing the known ones
   */
  public static TextAnalysis of(String id) {
    if (id == null) {
      return ENGLISH;
    }
    for (TextAnalysis analysis : values()) {
      if (analysis.id().equals(id)) {
        return analysis;
      }
    }
    throw new IllegalArgumentException(
        "analyzer must be one of "
            + Arrays.stream(values()).map(TextAnalysis::id).collect(Collectors.joining(", "))
            + "; got '"
            + id
            + "'");
  }
}
