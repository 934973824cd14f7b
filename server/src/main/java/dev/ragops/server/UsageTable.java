package dev.ragops.server;

import dev.ragops.model.RetriableException;
import dev.ragops.model.UsageEvent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The usage tables: {@code usage_events} (one priced row per ingested document, and per collection,
 * key and model for the searches of one {@link SearchTally} flush), {@code usage_job_keys} (who
 * queued each job) and {@code budget_alerts} (alerts already sent).
 */
@Singleton
class UsageTable {

  private static final String INSERT_EVENT_SQL =
      """
      INSERT INTO usage_events (recorded_at, collection, api_key_id, job_id, kind, model, tokens,
                                cached_tokens, chunks, documents, events, compute_ms, cost,
                                cost_saved)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String INSERT_JOB_KEY_SQL =
      """
      MERGE INTO usage_job_keys t
      USING (VALUES (CAST(? AS VARCHAR(64)), CAST(? AS VARCHAR(64)))) AS v (job_id, api_key_id)
      ON t.job_id = v.job_id
      WHEN NOT MATCHED THEN INSERT (job_id, api_key_id, created_at)
        VALUES (v.job_id, v.api_key_id, CURRENT_TIMESTAMP)\
      """;

  /** Usage rows with the key that asked: the row's own, or the one that queued its job. */
  private static final String EVENTS =
      "(SELECT e.*, COALESCE(e.api_key_id, j.api_key_id) AS charged_key FROM usage_events e"
          + " LEFT JOIN usage_job_keys j ON j.job_id = e.job_id) u";

  private static final String JOB_KEY_SQL =
      "SELECT api_key_id FROM usage_job_keys WHERE job_id = ?";

  private static final String SPENT_SQL =
      "SELECT COALESCE(SUM(tokens - cached_tokens), 0), COALESCE(SUM(cost), 0) FROM "
          + EVENTS
          + " WHERE recorded_at >= ? AND %s = ?";

  private static final String REPORT_SQL =
      """
      SELECT COALESCE(%1$s, '') AS grp,
             SUM(CASE WHEN kind = 'ingest' THEN tokens ELSE 0 END),
             SUM(cached_tokens), SUM(chunks), SUM(documents),
             SUM(CASE WHEN kind = 'search' THEN events ELSE 0 END),
             SUM(CASE WHEN kind = 'search' THEN tokens ELSE 0 END),
             SUM(cost), SUM(cost_saved)
      FROM %2$s WHERE recorded_at >= ? AND recorded_at < ?
      GROUP BY COALESCE(%1$s, '') ORDER BY 1\
      """;

  private static final String MARK_ALERTED_SQL =
      """
      MERGE INTO budget_alerts t
      USING (VALUES (CAST(? AS VARCHAR(128)), CAST(? AS VARCHAR(32)), CAST(? AS VARCHAR(16))))
        AS v (budget, period_start, alert_level)
      ON t.budget = v.budget AND t.period_start = v.period_start AND t.alert_level = v.alert_level
      WHEN NOT MATCHED THEN INSERT (budget, period_start, alert_level, created_at)
        VALUES (v.budget, v.period_start, v.alert_level, CURRENT_TIMESTAMP)\
      """;

  private final DataSource dataSource;

  UsageTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** Spend of one budget's scope since a time: tokens and cost. */
  record Spent(long tokens, double cost) {}

  /** One group's totals over a time range. */
  record Totals(
      String group,
      long embeddingTokens,
      long tokensSaved,
      long chunks,
      long documents,
      long searchRequests,
      long queryTokens,
      double cost,
      double costSaved) {}

  @Transactional
  public void insert(
      UsageEvent event,
      @Nullable String keyId,
      int documents,
      int events,
      double cost,
      double costSaved) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_EVENT_SQL)) {
      int column = 1;
      insert.setObject(column++, OffsetDateTime.now(ZoneOffset.UTC));
      insert.setString(column++, event.collection());
      insert.setString(column++, keyId);
      insert.setString(column++, event.jobId());
      insert.setString(column++, event.kind().name().toLowerCase(Locale.ROOT));
      insert.setString(column++, event.model());
      insert.setLong(column++, event.tokens());
      insert.setLong(column++, event.cachedTokens());
      insert.setInt(column++, event.chunks());
      insert.setInt(column++, documents);
      insert.setInt(column++, events);
      insert.setLong(column++, event.computeMillis());
      insert.setDouble(column++, cost);
      insert.setDouble(column, costSaved);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not record usage of " + event.collection(), e);
    }
  }

  @Transactional
  public void rememberJobKey(String jobId, String keyId) {
    try (PreparedStatement insert =
        dataSource.getConnection().prepareStatement(INSERT_JOB_KEY_SQL)) {
      insert.setString(1, jobId);
      insert.setString(2, keyId);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not record who queued job " + jobId, e);
    }
  }

  @ReadOnly
  public Optional<String> jobKey(String jobId) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(JOB_KEY_SQL)) {
      select.setString(1, jobId);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read who queued job " + jobId, e);
    }
  }

  @ReadOnly
  public Spent spent(Budget budget, Instant since) {
    String column = budget.collection() != null ? "collection" : "charged_key";
    try (PreparedStatement select =
        dataSource.getConnection().prepareStatement(SPENT_SQL.formatted(column))) {
      select.setObject(1, since.atOffset(ZoneOffset.UTC));
      select.setString(2, budget.collection() != null ? budget.collection() : budget.key());
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return new Spent(row.getLong(1), row.getDouble(2));
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the spend of " + budget.describe(), e);
    }
  }

  /** Totals per collection ({@code byKey} false) or per API key over {@code [from, to)}. */
  @ReadOnly
  public List<Totals> report(Instant from, Instant to, boolean byKey) {
    String sql = REPORT_SQL.formatted(byKey ? "charged_key" : "collection", EVENTS);
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(sql)) {
      select.setObject(1, from.atOffset(ZoneOffset.UTC));
      select.setObject(2, to.atOffset(ZoneOffset.UTC));
      List<Totals> totals = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          totals.add(
              new Totals(
                  row.getString(1),
                  row.getLong(2),
                  row.getLong(3),
                  row.getLong(4),
                  row.getLong(5),
                  row.getLong(6),
                  row.getLong(7),
                  row.getDouble(8),
                  row.getDouble(9)));
        }
      }
      return totals;
    } catch (SQLException e) {
      throw new RetriableException("could not read usage", e);
    }
  }

  /** Records that an alert went out; false if one for this budget, period and level already did. */
  @Transactional
  public boolean markAlerted(String budget, String periodStart, String level) {
    try (PreparedStatement merge = dataSource.getConnection().prepareStatement(MARK_ALERTED_SQL)) {
      merge.setString(1, budget);
      merge.setString(2, periodStart);
      merge.setString(3, level);
      return merge.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new RetriableException("could not record a budget alert", e);
    }
  }
}
