package dev.ragops.server;

import java.util.Map;

/** Golden sets, eval runs and traces in PostgreSQL mode (pgvector, Lucene BM25). */
class PostgresEvalApiIT extends EvalApiContract {

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
