package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Eval runs and their per-case results in the database ({@code eval_runs}, …). */
@Singleton
class RunStore {

  /** The result of one case in a run. */
  @Serdeable
  record QueryResult(
      String caseId,
      String query,
      Map<String, Double> metrics,
      List<String> retrieved,
      boolean stale) {}

  private static final String INSERT_RUN_SQL =
      """
      INSERT INTO eval_runs (id, collection_id, dataset_name, status, trigger_kind, generation,
                             settings, created_at)
      SELECT ?, id, ?, 'queued', ?, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final String CLAIM_SQL =
      """
      UPDATE eval_runs SET status = 'running', attempts = attempts + 1
      WHERE id = ? AND status IN ('queued', 'running')\
      """;

  private static final String SELECT_CLAIMED_SQL =
      """
      SELECT c.name, r.attempts FROM eval_runs r JOIN collections c ON c.id = r.collection_id
      WHERE r.id = ?\
      """;

  private static final String SUCCEED_SQL =
      """
      UPDATE eval_runs SET status = 'succeeded', metrics = ?, finished_at = ?
      WHERE id = ? AND status = 'running'\
      """;

  private static final String DELETE_QUERIES_SQL = "DELETE FROM eval_run_queries WHERE run_id = ?";

  private static final String FAIL_SQL =
      """
      UPDATE eval_runs SET status = 'failed', error = ?, finished_at = ?
      WHERE id = ? AND status IN ('queued', 'running')\
      """;

  private static final String DELETE_ENDED_SQL =
      "DELETE FROM eval_runs WHERE id = ? AND status IN ('succeeded', 'failed')";

  private static final String INSERT_QUERY_SQL =
      """
      INSERT INTO eval_run_queries (run_id, position, case_id, query_text, metrics, retrieved,
                                    stale)
      VALUES (?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String SELECT_RUNS_SQL =
      """
      SELECT r.id, r.dataset_name, r.status, r.trigger_kind, r.generation, r.settings, r.metrics,
             r.error, r.created_at, r.finished_at
      FROM eval_runs r JOIN collections c ON c.id = r.collection_id WHERE c.name = ?\
      """;

  private static final String SELECT_QUERIES_SQL =
      """
      SELECT case_id, query_text, metrics, retrieved, stale FROM eval_run_queries
      WHERE run_id = ? ORDER BY position\
      """;

  private static final Argument<Map<String, Object>> SETTINGS =
      Argument.mapOf(String.class, Object.class);
  private static final Argument<Map<String, Double>> METRICS =
      Argument.mapOf(String.class, Double.class);
  private static final Argument<List<String>> IDS = Argument.listOf(String.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  RunStore(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Transactional
  void insert(String collection, EvalRun run) {
    try (PreparedStatement insert = connection().prepareStatement(INSERT_RUN_SQL)) {
      insert.setObject(1, UUID.fromString(run.id()));
      insert.setString(2, run.dataset());
      insert.setString(3, run.trigger());
      insert.setInt(4, run.generation());
      insert.setString(5, write(run.settings()));
      insert.setObject(6, run.createdAt().atOffset(ZoneOffset.UTC));
      insert.setString(7, collection);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not store eval run " + run.id(), e);
    }
  }

  /** A run claimed by one start of its job: its collection and how many starts it has had. */
  record Claim(String collection, int attempts) {}

  /**
   * Marks a queued or running run as running and counts one attempt; empty when the run has ended
   * (or is gone), so a job that runs again after its run ended does nothing.
   */
  @Transactional
  Optional<Claim> claim(String runId) {
    try (PreparedStatement update = connection().prepareStatement(CLAIM_SQL);
        PreparedStatement select = connection().prepareStatement(SELECT_CLAIMED_SQL)) {
      update.setObject(1, UUID.fromString(runId));
      if (update.executeUpdate() == 0) {
        return Optional.empty();
      }
      select.setObject(1, UUID.fromString(runId));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Optional.of(new Claim(row.getString(1), row.getInt(2)));
      }
    } catch (SQLException e) {
      throw new RetriableException("could not claim eval run " + runId, e);
    }
  }

  /**
   * Stores a running run's metrics and per-case results, in one transaction, replacing any a
   * previous start left; does nothing when the run is no longer running (another start of its job
   * finished it first), so a run has one result set.
   *
   * @return whether this call finished the run
   */
  @Transactional
  boolean succeed(String runId, Map<String, Double> metrics, List<QueryResult> queries) {
    try (PreparedStatement update = connection().prepareStatement(SUCCEED_SQL)) {
      update.setString(1, write(metrics));
      update.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
      update.setObject(3, UUID.fromString(runId));
      if (update.executeUpdate() == 0) {
        return false;
      }
    } catch (SQLException e) {
      throw new RetriableException("could not finish eval run " + runId, e);
    }
    execute(DELETE_QUERIES_SQL, runId);
    try (PreparedStatement insert = connection().prepareStatement(INSERT_QUERY_SQL)) {
      for (int i = 0; i < queries.size(); i++) {
        var query = queries.get(i);
        insert.setObject(1, UUID.fromString(runId));
        insert.setInt(2, i);
        insert.setObject(3, UUID.fromString(query.caseId()));
        insert.setString(4, query.query());
        insert.setString(5, write(query.metrics()));
        insert.setString(6, write(query.retrieved()));
        insert.setBoolean(7, query.stale());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new RetriableException("could not store the results of eval run " + runId, e);
    }
    return true;
  }

  /** Ends a queued or running run as failed with {@code error}; an ended run stays as it is. */
  @Transactional
  void fail(String runId, String error) {
    try (PreparedStatement update = connection().prepareStatement(FAIL_SQL)) {
      update.setString(1, error.length() > 4000 ? error.substring(0, 4000) : error);
      update.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
      update.setObject(3, UUID.fromString(runId));
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not record the failure of eval run " + runId, e);
    }
  }

  /**
   * Deletes a run that has ended, with its per-case results (by cascade).
   *
   * @return false when it is queued or running (or gone)
   */
  @Transactional
  boolean deleteEnded(String runId) {
    try (PreparedStatement delete = connection().prepareStatement(DELETE_ENDED_SQL)) {
      delete.setObject(1, UUID.fromString(runId));
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new RetriableException("could not delete eval run " + runId, e);
    }
  }

  /** The collection's runs, newest first. */
  @ReadOnly
  List<EvalRun> list(String collection, int limit) {
    return select(
        SELECT_RUNS_SQL + " ORDER BY r.created_at DESC, r.id DESC LIMIT " + limit,
        collection,
        null);
  }

  @ReadOnly
  Optional<EvalRun> find(String collection, String runId) {
    UUID id;
    try {
      id = UUID.fromString(runId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    return select(SELECT_RUNS_SQL + " AND r.id = ?", collection, id).stream().findFirst();
  }

  @ReadOnly
  List<QueryResult> queries(String runId) {
    try (PreparedStatement select = connection().prepareStatement(SELECT_QUERIES_SQL)) {
      select.setObject(1, UUID.fromString(runId));
      List<QueryResult> results = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          results.add(
              new QueryResult(
                  row.getString("case_id"),
                  row.getString("query_text"),
                  json.readValue(row.getString("metrics"), METRICS),
                  json.readValue(row.getString("retrieved"), IDS),
                  row.getBoolean("stale")));
        }
      }
      return results;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the results of eval run " + runId, e);
    }
  }

  private List<EvalRun> select(String sql, String collection, UUID id) {
    try (PreparedStatement select = connection().prepareStatement(sql)) {
      select.setString(1, collection);
      if (id != null) {
        select.setObject(2, id);
      }
      List<EvalRun> runs = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String metrics = row.getString("metrics");
          runs.add(
              new EvalRun(
                  row.getString("id"),
                  row.getString("dataset_name"),
                  row.getString("status"),
                  row.getString("trigger_kind"),
                  row.getInt("generation"),
                  json.readValue(row.getString("settings"), SETTINGS),
                  metrics == null ? Map.of() : json.readValue(metrics, METRICS),
                  DatasetStore.instant(row, "created_at"),
                  DatasetStore.instant(row, "finished_at"),
                  row.getString("error")));
        }
      }
      return runs;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the eval runs of " + collection, e);
    }
  }

  private void execute(String sql, String runId) {
    try (PreparedStatement update = connection().prepareStatement(sql)) {
      update.setObject(1, UUID.fromString(runId));
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not update eval run " + runId, e);
    }
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write JSON", e);
    }
  }

  private Connection connection() throws SQLException {
    return dataSource.getConnection();
  }
}
