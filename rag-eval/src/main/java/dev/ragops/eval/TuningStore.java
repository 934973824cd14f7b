package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Tunings and their reports in the database ({@code eval_tunings}). */
@Singleton
class TuningStore {

  /** A tuning as the API shows it; {@code report} once it succeeded, {@code error} if it failed. */
  @Serdeable
  record TuningView(
      String id,
      String dataset,
      String status,
      @Nullable Tuning.Report report,
      @Nullable String error,
      Instant createdAt,
      @Nullable Instant finishedAt) {}

  private static final String INSERT_SQL =
      """
      INSERT INTO eval_tunings (id, collection_id, dataset_name, status, created_at)
      SELECT ?, id, ?, 'queued', ? FROM collections WHERE name = ?\
      """;

  private static final String CLAIM_SQL =
      """
      UPDATE eval_tunings SET status = 'running', attempts = attempts + 1
      WHERE id = ? AND status IN ('queued', 'running')\
      """;

  private static final String SELECT_ATTEMPTS_SQL =
      "SELECT attempts FROM eval_tunings WHERE id = ?";

  private static final String FINISH_SQL =
      """
      UPDATE eval_tunings SET status = ?, report = ?, error = ?, finished_at = ?
      WHERE id = ? AND status IN ('queued', 'running')\
      """;

  private static final String SELECT_SQL =
      """
      SELECT t.id, t.dataset_name, t.status, t.report, t.error, t.created_at, t.finished_at
      FROM eval_tunings t JOIN collections c ON c.id = t.collection_id
      WHERE c.name = ? AND t.id = ?\
      """;

  private final DataSource dataSource;
  private final JsonMapper json;

  TuningStore(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Transactional
  TuningView insert(String collection, String dataset) {
    var view =
        new TuningView(
            UUID.randomUUID().toString(), dataset, "queued", null, null, Instant.now(), null);
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, UUID.fromString(view.id()));
      insert.setString(2, dataset);
      insert.setObject(3, view.createdAt().atOffset(ZoneOffset.UTC));
      insert.setString(4, collection);
      insert.executeUpdate();
      return view;
    } catch (SQLException e) {
      throw new RetriableException("could not store a tuning of " + collection, e);
    }
  }

  /**
   * Marks a queued or running tuning as running and counts one attempt; returns the attempts so
   * far, or empty when the tuning has ended (or is gone).
   */
  @Transactional
  Optional<Integer> claim(String id) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(CLAIM_SQL);
        PreparedStatement select =
            dataSource.getConnection().prepareStatement(SELECT_ATTEMPTS_SQL)) {
      update.setObject(1, UUID.fromString(id));
      if (update.executeUpdate() == 0) {
        return Optional.empty();
      }
      select.setObject(1, UUID.fromString(id));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Optional.of(row.getInt(1));
      }
    } catch (SQLException e) {
      throw new RetriableException("could not claim tuning " + id, e);
    }
  }

  /**
   * Ends a queued or running tuning: {@code succeeded} with its report or {@code failed} with the
   * error. A tuning that has ended already is left as it is.
   *
   * @return whether this call ended it
   */
  @Transactional
  boolean finish(String id, String status, @Nullable Tuning.Report report, @Nullable String error) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(FINISH_SQL)) {
      update.setString(1, status);
      update.setString(2, report == null ? null : json.writeValueAsString(report));
      update.setString(
          3, error == null ? null : error.substring(0, Math.min(4000, error.length())));
      update.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
      update.setObject(5, UUID.fromString(id));
      return update.executeUpdate() > 0;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not update tuning " + id, e);
    }
  }

  @ReadOnly
  Optional<TuningView> find(String collection, String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_SQL)) {
      select.setString(1, collection);
      select.setObject(2, uuid);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        String report = row.getString("report");
        return Optional.of(
            new TuningView(
                row.getString("id"),
                row.getString("dataset_name"),
                row.getString("status"),
                report == null ? null : json.readValue(report, Tuning.Report.class),
                row.getString("error"),
                DatasetStore.instant(row, "created_at"),
                DatasetStore.instant(row, "finished_at")));
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read tuning " + id, e);
    }
  }
}
