package dev.ragops.server;

import java.util.Locale;

/**
 * What an API key may do. {@code ADMIN} includes the other three.
 *
 * <ul>
 *   <li>{@code SEARCH}: search a collection and read its query log;
 *   <li>{@code INGEST}: upload, list, read and delete documents, and follow their jobs;
 *   <li>{@code EVAL}: run and read evaluations and faithfulness checks;
 *   <li>{@code ADMIN}: create and delete collections, rebuild indexes, manage keys.
 * </ul>
 */
enum Action {
  SEARCH,
  INGEST,
  EVAL,
  ADMIN;

  /** The action named {@code name} (case-insensitive), or an {@link IllegalArgumentException}. */
  static Action parse(String name) {
    try {
      return valueOf(name.strip().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown action '" + name + "': use search, ingest, eval or admin");
    }
  }

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
