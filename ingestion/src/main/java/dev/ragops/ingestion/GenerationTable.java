package dev.ragops.ingestion;

import dev.ragops.model.RetriableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code generations} table, and the one statement that switches a collection's active
 * generation.
 */
@Singleton
class GenerationTable {

  private static final String COLUMNS =
      "collection_id, generation, status, settings, stats, reason, ready_seq, created_at,"
          + " updated_at";

  private static final String INSERT_SQL =
      "INSERT INTO generations (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)";

  private static final String UPDATE_SQL =
      """
      UPDATE generations SET status = ?, stats = ?, reason = ?, ready_seq = ?, updated_at = ?
      WHERE collection_id = ? AND generation = ?\
      """;

  private static final String LIST_SQL =
      "SELECT " + COLUMNS + " FROM generations WHERE collection_id = ? ORDER BY generation DESC";

  private static final String ONE_SQL =
      "SELECT " + COLUMNS + " FROM generations WHERE collection_id = ? AND generation = ?";

  private static final String NEXT_SQL =
      "SELECT COALESCE(MAX(generation), 0) + 1 FROM generations WHERE collection_id = ?";

  /** Promotion and rollback: one statement, guarded by the generation it replaces. */
  private static final String SWITCH_SQL =
      """
      UPDATE collections SET active_generation = ?, previous_generation = ?, active_ready_seq = ?,
                             settings = ?
      WHERE id = ? AND active_generation = ?\
      """;

  private final DataSource dataSource;

  GenerationTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Transactional
  GenerationRow insert(GenerationRow row) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, row.collectionId());
      insert.setInt(2, row.generation());
      insert.setString(3, row.status());
      insert.setString(4, row.settings());
      insert.setString(5, row.stats());
      insert.setString(6, row.reason());
      insert.setLong(7, row.readySeq());
      insert.setObject(8, OffsetDateTime.ofInstant(row.createdAt(), ZoneOffset.UTC));
      insert.setObject(9, OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC));
      insert.executeUpdate();
      return row;
    } catch (SQLException e) {
      throw new RetriableException("could not record generation " + row.generation(), e);
    }
  }

  @Transactional
  GenerationRow update(GenerationRow row) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(UPDATE_SQL)) {
      update.setString(1, row.status());
      update.setString(2, row.stats());
      update.setString(3, row.reason());
      update.setLong(4, row.readySeq());
      update.setObject(5, OffsetDateTime.ofInstant(row.updatedAt(), ZoneOffset.UTC));
      update.setObject(6, row.collectionId());
      update.setInt(7, row.generation());
      update.executeUpdate();
      return row;
    } catch (SQLException e) {
      throw new RetriableException("could not update generation " + row.generation(), e);
    }
  }

  @ReadOnly
  List<GenerationRow> list(UUID collectionId) {
    return query(LIST_SQL, collectionId, null);
  }

  @ReadOnly
  Optional<GenerationRow> find(UUID collectionId, int generation) {
    return query(ONE_SQL, collectionId, generation).stream().findFirst();
  }

  @ReadOnly
  int next(UUID collectionId) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(NEXT_SQL)) {
      select.setObject(1, collectionId);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        return result.getInt(1);
      }
    } catch (SQLException e) {
      throw new RetriableException("could not number a new generation", e);
    }
  }

  /**
   * Makes {@code generation} the collection's active one if {@code expectedActive} still is;
   * returns whether it did. Searches switch with this one statement.
   */
  @Transactional
  boolean switchActive(
      UUID collectionId,
      int expectedActive,
      int generation,
      @Nullable Integer previous,
      long readySeq,
      String settings) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(SWITCH_SQL)) {
      update.setInt(1, generation);
      if (previous == null) {
        update.setNull(2, Types.INTEGER);
      } else {
        update.setInt(2, previous);
      }
      update.setLong(3, readySeq);
      update.setString(4, settings);
      update.setObject(5, collectionId);
      update.setInt(6, expectedActive);
      return update.executeUpdate() == 1;
    } catch (SQLException e) {
      throw new RetriableException("could not switch the active generation", e);
    }
  }

  private List<GenerationRow> query(String sql, UUID collectionId, @Nullable Integer generation) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(sql)) {
      select.setObject(1, collectionId);
      if (generation != null) {
        select.setInt(2, generation);
      }
      List<GenerationRow> rows = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              new GenerationRow(
                  result.getObject("collection_id", UUID.class),
                  result.getInt("generation"),
                  result.getString("status"),
                  result.getString("settings"),
                  result.getString("stats"),
                  result.getString("reason"),
                  result.getLong("ready_seq"),
                  result.getObject("created_at", OffsetDateTime.class).toInstant(),
                  result.getObject("updated_at", OffsetDateTime.class).toInstant()));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new RetriableException("could not read the generations", e);
    }
  }
}
