package dev.ragops.server;

import java.util.Map;

/** The freshness loop in PostgreSQL mode: pgvector HNSW for vectors, Lucene for BM25. */
class PostgresFreshnessIT extends FreshnessContract {

  @Override
  Map<String, Object> storageProperties() {
    var properties = PostgresMode.freshDatabase();
    properties.put("ragops.auth.enabled", false);
    return properties;
  }

  @Override
  String[] environments() {
    return PostgresMode.ENVIRONMENTS;
  }
}
