package dev.ragops.server;

import dev.ragops.testkit.TestPostgres;
import java.util.Map;

/** The slice in PostgreSQL mode: pgvector HNSW for vectors, Lucene for BM25. */
class PostgresSliceIT extends SliceContract {

  @Override
  Map<String, Object> storageProperties() {
    var database = TestPostgres.freshDatabase();
    return Map.of(
        "datasources.default.url", database.url(),
        "datasources.default.username", database.user(),
        "datasources.default.password", database.password(),
        // API keys are on by default in PostgreSQL mode; these tests are about other things
        "ragops.auth.enabled", false);
  }

  @Override
  String[] environments() {
    return new String[] {"postgres"};
  }
}
