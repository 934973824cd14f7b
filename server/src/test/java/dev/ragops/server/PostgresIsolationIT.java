package dev.ragops.server;

import java.util.Map;

/**
 * Tenant isolation in PostgreSQL mode (pgvector, Lucene BM25), where API keys are on by default.
 */
class PostgresIsolationIT extends IsolationContract {

  @Override
  Map<String, Object> storageProperties() {
    return PostgresMode.freshDatabase();
  }

  @Override
  String[] environments() {
    return PostgresMode.ENVIRONMENTS;
  }
}
