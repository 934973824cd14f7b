package dev.ragops.server;

import dev.ragops.testkit.TestPostgres;
import java.util.Map;

/**
 * Tenant isolation in PostgreSQL mode (pgvector, Lucene BM25), where API keys are on by default.
 */
class PostgresIsolationIT extends IsolationContract {

  @Override
  Map<String, Object> storageProperties() {
    var database = TestPostgres.freshDatabase();
    return Map.of(
        "datasources.default.url", database.url(),
        "datasources.default.username", database.user(),
        "datasources.default.password", database.password());
  }

  @Override
  String[] environments() {
    return new String[] {"postgres"};
  }
}
