package dev.ragops.testkit;

import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Map;
import java.util.UUID;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.postgresql.PostgreSQLContainer;
import org.testcontainers.utility.DockerImageName;

/**
 * The PostgreSQL+pgvector that integration tests run against. {@code ./scripts/test} provides one:
 * a Testcontainers {@code pgvector/pgvector} container where a Docker engine works ({@code
 * RAGOPS_TEST_PG=testcontainers}), otherwise a throwaway local cluster whose URL it exports as
 * {@code RAGOPS_TEST_PG_URL}. Each call to {@link #freshDatabase()} creates an empty database, so
 * tests never see each other's rows.
 */
public final class TestPostgres {

  private static final String IMAGE = "pgvector/pgvector:pg16";
  private static volatile Server server;

  private TestPostgres() {}

  /** Where to connect: a JDBC URL and credentials. */
  public record Database(String url, String user, String password) {

    /**
     * Micronaut properties that point the default datasource at this database and migrate it with
     * Flyway from {@code migrations} (e.g. {@code classpath:db/migration/postgres}).
     */
    public Map<String, Object> micronautProperties(String migrations) {
      return Map.of(
          "datasources.default.url", url,
          "datasources.default.username", user,
          "datasources.default.password", password,
          "datasources.default.driver-class-name", "org.postgresql.Driver",
          "datasources.default.dialect", "POSTGRES",
          "flyway.datasources.default.enabled", true,
          "flyway.datasources.default.locations", migrations);
    }
  }

  private record Server(String baseUrl, String user, String password) {}

  /** Creates a new, empty database with the {@code vector} extension and returns it. */
  public static Database freshDatabase() {
    var server = server();
    String name = "t_" + UUID.randomUUID().toString().replace("-", "");
    try (var admin =
            DriverManager.getConnection(server.baseUrl + "postgres", server.user, server.password);
        var create = admin.createStatement()) {
      create.execute("CREATE DATABASE " + name);
    } catch (SQLException e) {
      throw new IllegalStateException("could not create test database on " + server.baseUrl, e);
    }
    return new Database(server.baseUrl + name, server.user, server.password);
  }

  private static synchronized Server server() {
    if (server == null) {
      server = start();
    }
    return server;
  }

  private static Server start() {
    String url = System.getenv("RAGOPS_TEST_PG_URL");
    if (url != null && !url.isBlank()) {
      String user = System.getenv().getOrDefault("RAGOPS_TEST_PG_USER", "postgres");
      String password = System.getenv().getOrDefault("RAGOPS_TEST_PG_PASSWORD", "");
      return new Server(url.substring(0, url.lastIndexOf('/') + 1), user, password);
    }
    if (DockerClientFactory.instance().isDockerAvailable()) {
      var container =
          new PostgreSQLContainer(
              DockerImageName.parse(IMAGE).asCompatibleSubstituteFor("postgres"));
      container.start();
      String jdbc = container.getJdbcUrl();
      String base = jdbc.substring(0, jdbc.indexOf('/', "jdbc:postgresql://".length()) + 1);
      return new Server(base, container.getUsername(), container.getPassword());
    }
    throw new IllegalStateException(
        "These tests need PostgreSQL with pgvector. Run them with ./scripts/test, which starts one"
            + " (Testcontainers where Docker works, a local throwaway cluster otherwise), or set"
            + " RAGOPS_TEST_PG_URL=jdbc:postgresql://host:port/db (plus RAGOPS_TEST_PG_USER and"
            + " RAGOPS_TEST_PG_PASSWORD).");
  }
}
