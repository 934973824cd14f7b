package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;

/** The search defaults tuning stored for each collection, in {@code eval_retrieval_defaults}. */
@Singleton
class DefaultsTable {

  private static final String SELECT_SQL =
      """
      SELECT d.settings FROM eval_retrieval_defaults d
      JOIN collections c ON c.id = d.collection_id WHERE c.name = ?\
      """;

  private static final String DELETE_SQL =
      """
      DELETE FROM eval_retrieval_defaults
      WHERE collection_id = (SELECT id FROM collections WHERE name = ?)\
      """;

  private static final String INSERT_SQL =
      """
      INSERT INTO eval_retrieval_defaults (collection_id, settings, report, updated_at)
      SELECT id, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final Argument<Map<String, Object>> SETTINGS =
      Argument.mapOf(String.class, Object.class);

  private final javax.sql.DataSource dataSource;
  private final JsonMapper json;

  DefaultsTable(javax.sql.DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @ReadOnly
  Map<String, Object> read(String collection) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_SQL)) {
      select.setString(1, collection);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Map.copyOf(json.readValue(row.getString(1), SETTINGS)) : Map.of();
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the search defaults of " + collection, e);
    }
  }

  /** Replaces the collection's defaults, keeping the report that chose them. */
  @Transactional
  void store(String collection, Map<String, Object> settings, Object report) {
    try (PreparedStatement delete = dataSource.getConnection().prepareStatement(DELETE_SQL);
        PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      delete.setString(1, collection);
      delete.executeUpdate();
      insert.setString(1, json.writeValueAsString(settings));
      insert.setString(2, json.writeValueAsString(report));
      insert.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
      insert.setString(4, collection);
      insert.executeUpdate();
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not store the search defaults of " + collection, e);
    }
  }
}
