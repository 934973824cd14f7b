package dev.ragops.server;

import java.util.Map;

/** Traces in PostgreSQL mode: the job's traceparent travels in the PostgreSQL jobs table. */
class PostgresTracingIT extends TracingContract {

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
