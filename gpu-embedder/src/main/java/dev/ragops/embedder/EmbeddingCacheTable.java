package dev.ragops.embedder;

import dev.ragops.model.RetriableException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/**
 * The {@code embedding_cache} table (schema: the indexer's Flyway migration {@code
 * V2__embedding_cache.sql}): vectors keyed by model id and {@link TextHash}. Present when the
 * application has a {@code default} data source, unless {@code ragops.embedder.embedding-cache} is
 * {@code false}.
 */
@Singleton
@Requires(beans = DataSource.class)
@Requires(property = "datasources.default.url")
@Requires(property = EmbeddingCacheTable.ENABLED, notEquals = "false")
class EmbeddingCacheTable {

  static final String ENABLED = "ragops.embedder.embedding-cache";

  /** Keys per SELECT, well under every driver's limit on bind parameters. */
  private static final int LOOKUP_CHUNK = 500;

  private static final String SELECT_SQL =
      "SELECT text_hash, embedding FROM embedding_cache"
          + " WHERE model_id = ? AND dimension = ? AND text_hash IN (%s)";

  /** Insert if absent; {@code ON CONFLICT DO NOTHING} works on PostgreSQL and H2's PG mode. */
  private static final String INSERT_SQL =
      """
      INSERT INTO embedding_cache (model_id, text_hash, dimension, embedding, created_at)
      VALUES (?, ?, ?, ?, CURRENT_TIMESTAMP)
      ON CONFLICT DO NOTHING\
      """;

  private final DataSource dataSource;

  EmbeddingCacheTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The cached vectors of {@code hashes} (those present), by hash. */
  @ReadOnly
  public Map<String, float[]> find(String modelId, int dimension, Collection<String> hashes) {
    Map<String, float[]> found = new HashMap<>();
    List<String> keys = new ArrayList<>(hashes);
    try {
      Connection connection = dataSource.getConnection();
      for (int start = 0; start < keys.size(); start += LOOKUP_CHUNK) {
        List<String> chunk = keys.subList(start, Math.min(keys.size(), start + LOOKUP_CHUNK));
        String sql =
            SELECT_SQL.formatted(chunk.stream().map(k -> "?").collect(Collectors.joining(", ")));
        try (PreparedStatement select = connection.prepareStatement(sql)) {
          select.setString(1, modelId);
          select.setInt(2, dimension);
          for (int i = 0; i < chunk.size(); i++) {
            select.setString(3 + i, chunk.get(i));
          }
          try (ResultSet rows = select.executeQuery()) {
            while (rows.next()) {
              found.put(rows.getString(1), FloatBytes.toFloats(rows.getBytes(2)));
            }
          }
        }
      }
      return found;
    } catch (SQLException e) {
      throw new RetriableException("could not read the embedding cache", e);
    }
  }

  /**
   * Stores the vectors, by hash, keeping any row already there. Rows go in in hash order, so that
   * two transactions storing overlapping keys wait for each other instead of deadlocking.
   */
  @Transactional
  public void store(String modelId, Map<String, float[]> vectors) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      for (Map.Entry<String, float[]> entry : new TreeMap<>(vectors).entrySet()) {
        insert.setString(1, modelId);
        insert.setString(2, entry.getKey());
        insert.setInt(3, entry.getValue().length);
        insert.setBytes(4, FloatBytes.of(entry.getValue()));
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new RetriableException("could not write the embedding cache", e);
    }
  }
}
