package dev.ragops.server;

import java.util.Map;

/** Relevance feedback in PostgreSQL mode. */
class PostgresFeedbackIT extends FeedbackContract {

  @Override
  Map<String, Object> storageProperties() {
    return withoutKeys();
  }

  @Override
  String[] environments() {
    return PostgresMode.ENVIRONMENTS;
  }

  private static Map<String, Object> withoutKeys() {
    var properties = PostgresMode.freshDatabase();
    properties.put("ragops.auth.enabled", false);
    return properties;
  }
}
