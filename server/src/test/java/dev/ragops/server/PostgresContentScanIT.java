package dev.ragops.server;

import java.util.Map;

/** The content scan in PostgreSQL mode: pgvector for the vector leg, SQL flag filters. */
class PostgresContentScanIT extends ContentScanContract {

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
