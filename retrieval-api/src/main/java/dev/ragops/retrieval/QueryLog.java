package dev.ragops.retrieval;

import dev.ragops.model.QueryHistory;
import dev.ragops.model.RetriableException;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records searches (query, parameters, result ids, latency) at {@code ragops.query-log.sample-rate}
 * (default 1: every search), so golden sets can be built from real traffic. A failed write is
 * logged and never fails the search. Every search's {@code queryId} is the id it is logged under: a
 * search the sampling leaves out is held in memory ({@link UnloggedQueries}) and logged when
 * feedback names it ({@link #logged}), with {@code "sampled": false} among its parameters.
 */
@Singleton
class QueryLog implements QueryHistory {

  private static final Logger LOG = LoggerFactory.getLogger(QueryLog.class);

  private static final String INSERT_SQL =
      """
      INSERT INTO query_log (id, collection, query_text, parameters, chunk_ids, document_ids,
                             latency_ms, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, CURRENT_TIMESTAMP)\
      """;

  private static final String RECENT_SQL =
      """
      SELECT id, query_text, parameters, chunk_ids, document_ids, latency_ms, created_at
      FROM query_log WHERE collection = ? ORDER BY created_at DESC, id LIMIT ?\
      """;

  private static final String FIND_SQL =
      """
      SELECT id, query_text, chunk_ids, document_ids FROM query_log
      WHERE collection = ? AND id = ?\
      """;

  private static final Argument<Map<String, Object>> PARAMETERS =
      Argument.mapOf(String.class, Object.class);
  private static final Argument<List<String>> IDS = Argument.listOf(String.class);

  private final DataSource dataSource;
  private final JsonMapper json;
  private static final String EXISTS_SQL =
      "SELECT query_text FROM query_log WHERE id = ? AND collection = ?";

  private final double sampleRate;
  private final UnloggedQueries unlogged;

  QueryLog(
      DataSource dataSource,
      JsonMapper json,
      @Value("${ragops.query-log.sample-rate:1.0}") double sampleRate,
      @Value("${ragops.query-log.hold:1h}") java.time.Duration hold,
      @Value("${ragops.query-log.hold-max:10000}") int holdMax) {
    if (sampleRate < 0 || sampleRate > 1) {
      throw new IllegalArgumentException(
          "ragops.query-log.sample-rate must be in [0, 1], got " + sampleRate);
    }
    this.dataSource = dataSource;
    this.json = json;
    this.sampleRate = sampleRate;
    this.unlogged = new UnloggedQueries(hold, holdMax);
  }

  /** Logs the search if the sampling picks it, else holds it in memory for feedback. */
  void log(String collection, Entry entry) {
    if (sampled()) {
      record(collection, entry);
    } else {
      unlogged.hold(collection, entry);
    }
  }

  /**
   * Whether the search {@code queryId} of {@code collection} is in the log, logging it now if the
   * sampling had left it out and this node still holds it; returns its query text.
   */
  Optional<String> logged(String collection, String queryId) {
    var stored = storedQuery(collection, queryId);
    if (stored.isPresent()) {
      return stored;
    }
    var held = unlogged.take(collection, queryId);
    held.ifPresent(entry -> {
      Map<String, Object> parameters = new java.util.LinkedHashMap<>(entry.parameters());
      parameters.put("sampled", false);
      record(
          collection,
          new Entry(
              entry.queryId(),
              entry.query(),
              parameters,
              entry.chunkIds(),
              entry.documentIds(),
              entry.latencyMs(),
              entry.at()));
    });
    return held.isPresent() ? storedQuery(collection, queryId) : Optional.empty();
  }

  @ReadOnly
  Optional<String> storedQuery(String collection, String queryId) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(EXISTS_SQL)) {
      select.setObject(1, UUID.fromString(queryId));
      select.setString(2, collection);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the query log", e);
    }
  }

  boolean sampled() {
    return sampleRate >= 1 || ThreadLocalRandom.current().nextDouble() < sampleRate;
  }

  /** One logged search. */
  @Serdeable
  record Entry(
      String queryId,
      String query,
      Map<String, Object> parameters,
      List<String> chunkIds,
      List<String> documentIds,
      long latencyMs,
      OffsetDateTime at) {}

  @Transactional
  public void record(String collection, Entry entry) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, UUID.fromString(entry.queryId()));
      insert.setString(2, collection);
      insert.setString(3, entry.query());
      insert.setString(4, json.writeValueAsString(entry.parameters()));
      insert.setString(5, json.writeValueAsString(entry.chunkIds()));
      insert.setString(6, json.writeValueAsString(entry.documentIds()));
      insert.setLong(7, entry.latencyMs());
      insert.executeUpdate();
    } catch (SQLException | IOException e) {
      LOG.warn("Could not log query {} of {}: {}", entry.queryId(), collection, e.toString());
    }
  }

  @ReadOnly
  public List<Entry> recent(String collection, int limit) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(RECENT_SQL)) {
      select.setString(1, collection);
      select.setInt(2, limit);
      List<Entry> entries = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          entries.add(
              new Entry(
                  row.getString("id"),
                  row.getString("query_text"),
                  json.readValue(row.getString("parameters"), PARAMETERS),
                  json.readValue(row.getString("chunk_ids"), IDS),
                  json.readValue(row.getString("document_ids"), IDS),
                  row.getLong("latency_ms"),
                  row.getObject("created_at", OffsetDateTime.class)));
        }
      }
      return entries;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the query log", e);
    }
  }

  @Override
  @ReadOnly
  public Optional<LoggedQuery> find(String collection, String queryId) {
    UUID id;
    try {
      id = UUID.fromString(queryId);
    } catch (IllegalArgumentException | NullPointerException e) {
      return Optional.empty();
    }
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(FIND_SQL)) {
      select.setString(1, collection);
      select.setObject(2, id);
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new LoggedQuery(
                row.getString("id"),
                row.getString("query_text"),
                json.readValue(row.getString("chunk_ids"), IDS),
                json.readValue(row.getString("document_ids"), IDS)));
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the query log", e);
    }
  }
}
