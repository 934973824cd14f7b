package dev.ragops.indexer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * pgvector with {@code halfvec} storage, non-default HNSW parameters and strictly ordered iterative
 * scans passes the same vector store contract, and the database really holds that column type and
 * index.
 */
class PgVectorStoreHalfvecIT extends PgVectorStoreIT {

  private static final String MIGRATIONS = "classpath:db/migration/postgres";
  private static ApplicationContext halfvec;

  @BeforeAll
  static void start() throws IOException {
    halfvec =
        run(
            Map.of(
                "ragops.pgvector.storage",
                "halfvec",
                "ragops.pgvector.hnsw.m",
                8,
                "ragops.pgvector.hnsw.ef-construction",
                32,
                "ragops.pgvector.iterative-scan",
                "strict_order"));
  }

  @AfterAll
  static void stop() {
    halfvec.close();
  }

  @Override
  ApplicationContext context() {
    return halfvec;
  }

  @Test
  void storesHalfPrecisionVectorsInAnIndexBuiltWithTheConfiguredParameters() throws Exception {
    try (Connection connection = connect();
        Statement sql = connection.createStatement();
        ResultSet column =
            sql.executeQuery(
                "SELECT format_type(atttypid, atttypmod) FROM pg_attribute"
                    + " WHERE attrelid = 'chunks'::regclass AND attname = 'embedding'")) {
      column.next();
      assertThat(column.getString(1)).isEqualTo("halfvec(384)");
    }
    try (Connection connection = connect();
        Statement sql = connection.createStatement();
        ResultSet index =
            sql.executeQuery(
                "SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding'")) {
      index.next();
      assertThat(index.getString(1))
          .contains("hnsw (embedding halfvec_cosine_ops) WITH (m='8', ef_construction='32')");
    }
  }

  @Test
  void refusesToStartWhenTheConfigurationDisagreesWithTheDatabase() throws Exception {
    Map<String, Object> properties = new HashMap<>(database().micronautProperties(MIGRATIONS));
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-pg").toString());
    properties.put("ragops.vector-store", "pgvector");
    properties.put("ragops.pgvector.storage", "vector");
    assertThatThrownBy(() -> ApplicationContext.run(properties).close())
        .hasStackTraceContaining("ragops.pgvector.storage");
  }

  private static TestPostgres.Database database() {
    return new TestPostgres.Database(
        halfvec.getRequiredProperty("datasources.default.url", String.class),
        halfvec.getRequiredProperty("datasources.default.username", String.class),
        halfvec.getProperty("datasources.default.password", String.class).orElse(""));
  }

  private static Connection connect() throws Exception {
    var database = database();
    return DriverManager.getConnection(database.url(), database.user(), database.password());
  }

  @Test
  void rejectsBadIndexAndScanSettings() {
    assertThatThrownBy(() -> new PgVectorIndexOptions("vector", 16, 20))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ragops.pgvector.hnsw.ef-construction");
    assertThatThrownBy(() -> new PgVectorIndexOptions("float8", 16, 64))
        .hasMessageContaining("ragops.pgvector.storage");
    var options = new PgVectorIndexOptions("vector", 16, 64);
    assertThatThrownBy(() -> new PgVectorStore(null, null, options, 100, "sideways"))
        .hasMessageContaining("ragops.pgvector.iterative-scan");
  }
}
