package dev.ragops.eval;

import dev.ragops.model.NotFoundException;
import dev.ragops.model.RetriableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * Schedules ({@code freshness_schedules}) and their claimed ticks ({@code schedule_ticks}, whose
 * primary key lets exactly one node run each tick).
 */
@Singleton
class ScheduleStore {

  private static final String COLUMNS =
      """
      s.id, c.name AS collection, s.cron, s.checks, s.dataset, s.thresholds, s.on_regression,
      s.max_age_seconds, s.webhook_url, s.paused, s.created_at, s.last_run_at, s.last_success_at\
      """;

  private static final String INSERT_SQL =
      """
      INSERT INTO freshness_schedules (id, collection_id, cron, checks, dataset, thresholds,
          on_regression, max_age_seconds, webhook_url, paused, created_at)
      SELECT ?, id, ?, ?, ?, ?, ?, ?, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final String SELECT_SQL =
      "SELECT "
          + COLUMNS
          + " FROM freshness_schedules s JOIN collections c ON c.id = s.collection_id";

  private static final String PAUSE_SQL = "UPDATE freshness_schedules SET paused = ? WHERE id = ?";

  private static final String DELETE_SQL = "DELETE FROM freshness_schedules WHERE id = ?";

  private static final String RAN_SQL =
      "UPDATE freshness_schedules SET last_run_at = ? WHERE id = ?";

  private static final String SUCCEEDED_SQL =
      "UPDATE freshness_schedules SET last_run_at = ?, last_success_at = ? WHERE id = ?";

  private static final String CLAIM_SQL =
      "INSERT INTO schedule_ticks (schedule_id, tick_at, node, claimed_at) VALUES (?, ?, ?, ?)";

  private static final String LAST_TICK_SQL =
      "SELECT MAX(tick_at) FROM schedule_ticks WHERE schedule_id = ?";

  private static final Argument<Map<String, Thresholds.Limit>> LIMITS =
      Argument.mapOf(Argument.STRING, Argument.of(Thresholds.Limit.class));

  private final DataSource dataSource;
  private final JsonMapper json;

  ScheduleStore(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Transactional
  Schedule insert(Schedule schedule) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, schedule.id());
      insert.setString(2, schedule.cron());
      insert.setString(3, String.join(",", schedule.checks()));
      insert.setString(4, schedule.dataset());
      insert.setString(5, json.writeValueAsString(schedule.thresholds().asMap()));
      insert.setString(6, schedule.onRegression());
      if (schedule.maxAge() == null) {
        insert.setNull(7, Types.BIGINT);
      } else {
        insert.setLong(7, schedule.maxAge().toSeconds());
      }
      insert.setString(8, schedule.webhookUrl());
      insert.setBoolean(9, schedule.paused());
      insert.setObject(10, utc(schedule.createdAt()));
      insert.setString(11, schedule.collection());
      if (insert.executeUpdate() == 0) {
        throw new NotFoundException("collection '" + schedule.collection() + "' does not exist");
      }
      return schedule;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not store the schedule", e);
    }
  }

  @ReadOnly
  List<Schedule> list(@Nullable String collection) {
    return query(
        SELECT_SQL + (collection == null ? "" : " WHERE c.name = ?") + " ORDER BY s.created_at",
        collection);
  }

  @ReadOnly
  Optional<Schedule> find(UUID id) {
    return query(SELECT_SQL + " WHERE s.id = ?", id).stream().findFirst();
  }

  @Transactional
  void setPaused(UUID id, boolean paused) {
    update(PAUSE_SQL, paused, id);
  }

  @Transactional
  void delete(UUID id) {
    update(DELETE_SQL, id);
  }

  @Transactional
  void ran(UUID id, Instant at, boolean succeeded) {
    if (succeeded) {
      update(SUCCEEDED_SQL, utc(at), utc(at), id);
    } else {
      update(RAN_SQL, utc(at), id);
    }
  }

  /** Thrown (rolling the claim's transaction back) when the tick is already claimed. */
  static final class TickTaken extends RuntimeException {
    TickTaken() {
      super(null, null, false, false);
    }
  }

  /**
   * Claims tick {@code tick} of the schedule for {@code node}.
   *
   * @throws TickTaken when another node (or an earlier call) already has it
   */
  @Transactional
  void claim(UUID id, Instant tick, String node) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(CLAIM_SQL)) {
      insert.setObject(1, id);
      insert.setObject(2, utc(tick));
      insert.setString(3, node);
      insert.setObject(4, utc(Instant.now()));
      insert.executeUpdate();
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new TickTaken(); // unique violation: the tick is taken
      }
      throw new RetriableException("could not claim a schedule tick", e);
    }
  }

  @ReadOnly
  Optional<Instant> lastTick(UUID id) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(LAST_TICK_SQL)) {
      select.setObject(1, id);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        var at = result.getObject(1, OffsetDateTime.class);
        return Optional.ofNullable(at).map(OffsetDateTime::toInstant);
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the ticks of schedule " + id, e);
    }
  }

  private void update(String sql, Object... parameters) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(sql)) {
      for (int i = 0; i < parameters.length; i++) {
        update.setObject(i + 1, parameters[i]);
      }
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not update a schedule", e);
    }
  }

  private List<Schedule> query(String sql, @Nullable Object parameter) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(sql)) {
      if (parameter != null) {
        select.setObject(1, parameter);
      }
      List<Schedule> schedules = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          schedules.add(read(result));
        }
      }
      return schedules;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the schedules", e);
    }
  }

  private Schedule read(ResultSet result) throws SQLException, IOException {
    long maxAge = result.getLong("max_age_seconds");
    boolean noMaxAge = result.wasNull();
    Map<String, Thresholds.Limit> limits = json.readValue(result.getString("thresholds"), LIMITS);
    return new Schedule(
        result.getObject("id", UUID.class),
        result.getString("collection"),
        result.getString("cron"),
        Arrays.asList(result.getString("checks").split(",")),
        result.getString("dataset"),
        new Thresholds(limits == null ? Map.of() : limits),
        result.getString("on_regression"),
        noMaxAge ? null : Duration.ofSeconds(maxAge),
        result.getString("webhook_url"),
        result.getBoolean("paused"),
        result.getObject("created_at", OffsetDateTime.class).toInstant(),
        instant(result, "last_run_at"),
        instant(result, "last_success_at"));
  }

  private static Instant instant(ResultSet result, String column) throws SQLException {
    var at = result.getObject(column, OffsetDateTime.class);
    return at == null ? null : at.toInstant();
  }

  private static OffsetDateTime utc(Instant instant) {
    return OffsetDateTime.ofInstant(instant, ZoneOffset.UTC);
  }
}
