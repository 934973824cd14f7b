package dev.ragops.server;

import java.nio.file.Path;
import java.util.Map;

/** Two embedded-mode nodes in one JVM sharing one H2 file database. */
class EmbeddedScheduleTicksIT extends ScheduleTicksContract {

  @Override
  Map<String, Object> sharedDatabase(Path dir) {
    return Map.of(
        "datasources.default.url",
        "jdbc:h2:file:"
            + dir.resolve("ragops")
            + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
