package dev.ragops.server;

import java.util.Map;

/** Ingestion in PostgreSQL mode: pgvector HNSW for vectors, Lucene for BM25. */
class PostgresIngestionIT extends IngestionContract {

  @Override
  Map<String, Object> storageProperties() {
    var properties = PostgresMode.freshDatabase();
    // API keys are on by default in PostgreSQL mode; these tests are about other things
    properties.put("ragops.auth.enabled", false);
    return properties;
  }

  @Override
  String[] environments() {
    return PostgresMode.ENVIRONMENTS;
  }
}
