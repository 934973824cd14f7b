package dev.ragops.server;

import java.util.Map;

/** Usage and budgets in PostgreSQL mode, with API keys on as in production. */
class PostgresUsageIT extends UsageContract {

  @Override
  Map<String, Object> storageProperties() {
    return PostgresMode.freshDatabase();
  }

  @Override
  String[] environments() {
    return PostgresMode.ENVIRONMENTS;
  }
}
