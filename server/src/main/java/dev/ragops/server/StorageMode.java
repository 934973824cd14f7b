package dev.ragops.server;

import java.util.Map;

/**
 * Where ragops keeps its data: {@code EMBEDDED} (H2 file database, Lucene for BM25 and vectors) or
 * {@code POSTGRES} (PostgreSQL with pgvector, Lucene for BM25). Chosen by {@code
 * RAGOPS_DATABASE_URL}: unset means embedded.
 */
enum StorageMode {
  EMBEDDED,
  POSTGRES;

  static final String DATABASE_URL = "RAGOPS_DATABASE_URL";

  static StorageMode fromEnvironment(Map<String, String> env) {
    String url = env.getOrDefault(DATABASE_URL, "").strip();
    if (url.isEmpty()) {
      return EMBEDDED;
    }
    if (url.startsWith("jdbc:postgresql:")) {
      return POSTGRES;
    }
    throw new IllegalArgumentException(
        DATABASE_URL
            + " must be a PostgreSQL JDBC URL such as jdbc:postgresql://db:5432/ragops, got '"
            + url
            + "'; leave it unset for embedded mode");
  }

  /** The Micronaut environments that configure this mode. */
  String[] environments() {
    return this == POSTGRES ? new String[] {"postgres"} : new String[0];
  }
}
