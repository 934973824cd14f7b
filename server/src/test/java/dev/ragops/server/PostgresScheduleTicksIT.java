package dev.ragops.server;

import java.nio.file.Path;
import java.util.Map;

/** Two PostgreSQL-mode nodes sharing one database. */
class PostgresScheduleTicksIT extends ScheduleTicksContract {

  @Override
  Map<String, Object> sharedDatabase(Path dir) {
    var properties = PostgresMode.freshDatabase();
    properties.put("ragops.auth.enabled", false);
    return properties;
  }

  @Override
  String[] environments() {
    return PostgresMode.ENVIRONMENTS;
  }
}
