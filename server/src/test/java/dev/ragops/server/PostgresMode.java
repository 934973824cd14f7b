package dev.ragops.server;

import dev.ragops.testkit.TestPostgres;
import java.util.HashMap;
import java.util.Map;

/**
 * The application in PostgreSQL mode against a fresh test database: the {@code postgres}
 * environment supplies the dialect, driver and migrations, these properties the connection.
 */
final class PostgresMode {

  static final String[] ENVIRONMENTS = {"postgres"};

  private PostgresMode() {}

  /** Connection properties of a new, empty database, to add test-specific properties to. */
  static Map<String, Object> freshDatabase() {
    var database = TestPostgres.freshDatabase();
    return new HashMap<>(
        Map.of(
            "datasources.default.url", database.url(),
            "datasources.default.username", database.user(),
            "datasources.default.password", database.password()));
  }
}
