package dev.ragops.indexer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * At startup, compares {@link PgVectorIndexOptions} with what the database has: a different storage
 * type or HNSW parameters would mean the configuration says one thing and searches do another, so
 * startup fails and says how to change them (the migration applies them only once).
 */
@Singleton
@Requires(property = "datasources.default.dialect", value = "POSTGRES")
class PgVectorIndexCheck {

  private static final String COLUMN_TYPE_SQL =
      """
      SELECT format_type(atttypid, atttypmod) FROM pg_attribute
      WHERE attrelid = 'chunks'::regclass AND attname = 'embedding'\
      """;

  private static final String INDEX_SQL =
      "SELECT indexdef FROM pg_indexes WHERE tablename = 'chunks' AND indexname = 'chunks_embedding'";

  private final DataSource dataSource;
  private final PgVectorIndexOptions options;

  PgVectorIndexCheck(DataSource dataSource, PgVectorIndexOptions options) {
    this.dataSource = dataSource;
    this.options = options;
  }

  @EventListener
  @Transactional
  void onStartup(StartupEvent event) {
    String column;
    String index;
    try (Statement sql = dataSource.getConnection().createStatement()) {
      column = single(sql, COLUMN_TYPE_SQL);
      index = single(sql, INDEX_SQL);
    } catch (SQLException e) {
      throw new IllegalStateException("cannot read the chunks table's vector column", e);
    }
    String expected = expectedIndex();
    if (!column.startsWith(options.storage() + "(") || index == null || !index.contains(expected)) {
      throw new IllegalStateException(
          "the database stores chunks.embedding as "
              + column
              + " with index "
              + index
              + ", but the configuration asks for "
              + options.storage()
              + " with "
              + expected
              + ": ragops.pgvector.storage and ragops.pgvector.hnsw.* take effect when the database"
              + " is created; set them back, or change the column and rebuild chunks_embedding by"
              + " hand (see the indexer README)");
    }
  }

  /** The part of the index definition the options decide, as PostgreSQL prints it. */
  String expectedIndex() {
    return "hnsw (embedding "
        + options.storage()
        + "_cosine_ops) WITH (m='"
        + options.m()
        + "', ef_construction='"
        + options.efConstruction()
        + "')";
  }

  private static String single(Statement sql, String query) throws SQLException {
    try (ResultSet row = sql.executeQuery(query)) {
      return row.next() ? row.getString(1) : null;
    }
  }
}
