package dev.ragops.retrieval;

import dev.ragops.model.QueryHistory;
import dev.ragops.model.RetriableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Records searches (query, parameters, result ids, latency) at {@code ragops.query-log.sample-rate}
 * (default 1: every search), so golden sets can be built from real traffic. Searches are not slowed
 * by the log: entries wait in a bounded queue ({@code ragops.query-log.queue}, default 10,000) and
 * are written in batches, one transaction every {@code ragops.query-log.flush-interval} (default
 * 200 ms); when the queue is full the search writes its own entry, so none is dropped. Reads on
 * this node write the queue first; another node sees an entry after its flush. A failed write is
 * logged and counted ({@code ragops.query.log.failures}) and never fails the search. Every search's
 * {@code queryId} is the id it is logged under: a search the sampling leaves out is held in memory
 * ({@link UnloggedQueries}) and logged when feedback names it ({@link #logged}), with {@code
 * "sampled": false} among its parameters.
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
  private final BlockingQueue<Pending> pending;
  private final Duration flushInterval;
  private final Counter failures;
  private final ScheduledExecutorService flusher =
      Executors.newSingleThreadScheduledExecutor(
          Thread.ofPlatform().daemon().name("query-log").factory());

  /** A search waiting to be written. */
  record Pending(String collection, Entry entry) {}

  QueryLog(
      DataSource dataSource,
      JsonMapper json,
      @Nullable MeterRegistry registry,
      @Value("${ragops.query-log.sample-rate:1.0}") double sampleRate,
      @Value("${ragops.query-log.hold:1h}") Duration hold,
      @Value("${ragops.query-log.hold-max:10000}") int holdMax,
      @Value("${ragops.query-log.queue:10000}") int queue,
      @Value("${ragops.query-log.flush-interval:200ms}") Duration flushInterval) {
    if (sampleRate < 0 || sampleRate > 1) {
      throw new IllegalArgumentException(
          "ragops.query-log.sample-rate must be in [0, 1], got " + sampleRate);
    }
    if (queue < 1) {
      throw new IllegalArgumentException("ragops.query-log.queue must be >= 1, got " + queue);
    }
    if (flushInterval.isNegative() || flushInterval.isZero()) {
      throw new IllegalArgumentException(
          "ragops.query-log.flush-interval must be positive, got " + flushInterval);
    }
    this.dataSource = dataSource;
    this.json = json;
    this.sampleRate = sampleRate;
    this.unlogged = new UnloggedQueries(hold, holdMax);
    this.pending = new ArrayBlockingQueue<>(queue);
    this.flushInterval = flushInterval;
    MeterRegistry meters = registry == null ? new SimpleMeterRegistry() : registry;
    this.failures =
        Counter.builder("ragops.query.log.failures")
            .description("Query log entries that could not be written")
            .register(meters);
    Gauge.builder("ragops.query.log.pending", pending, BlockingQueue::size)
        .description("Searches waiting to be written to the query log")
        .register(meters);
  }

  @PostConstruct
  void startFlusher() {
    long millis = flushInterval.toMillis();
    flusher.scheduleWithFixedDelay(this::flush, millis, millis, TimeUnit.MILLISECONDS);
  }

  @PreDestroy
  void stopFlusher() throws InterruptedException {
    flusher.shutdown();
    flusher.awaitTermination(10, TimeUnit.SECONDS);
    flush();
  }

  /**
   * Queues the search for the log if the sampling picks it (writing it now if the queue is full),
   * else holds it in memory for feedback.
   */
  void log(String collection, Entry entry) {
    if (!sampled()) {
      unlogged.hold(collection, entry);
    } else if (!pending.offer(new Pending(collection, entry))) {
      record(collection, entry);
    }
  }

  /** Writes the queued searches, in one transaction; what fails is logged and counted. */
  synchronized void flush() {
    List<Pending> batch = new ArrayList<>(pending.size());
    pending.drainTo(batch);
    if (batch.isEmpty()) {
      return;
    }
    try {
      recordAll(batch);
    } catch (RuntimeException e) {
      LOG.warn("Could not write {} query log entries: {}", batch.size(), e.toString());
      failures.increment(batch.size());
    }
  }

  /**
   * Whether the search {@code queryId} of {@code collection} is in the log, logging it now if the
   * sampling had left it out and this node still holds it; returns its query text.
   */
  Optional<String> logged(String collection, String queryId) {
    flush();
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

  /** Writes one entry now (outside the queue). */
  public void record(String collection, Entry entry) {
    try {
      recordAll(List.of(new Pending(collection, entry)));
    } catch (RuntimeException e) {
      LOG.warn("Could not log query {} of {}: {}", entry.queryId(), collection, e.toString());
      failures.increment();
    }
  }

  @Transactional
  void recordAll(List<Pending> batch) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      for (Pending logged : batch) {
        Entry entry = logged.entry();
        insert.setObject(1, UUID.fromString(entry.queryId()));
        insert.setString(2, logged.collection());
        insert.setString(3, entry.query());
        insert.setString(4, json.writeValueAsString(entry.parameters()));
        insert.setString(5, json.writeValueAsString(entry.chunkIds()));
        insert.setString(6, json.writeValueAsString(entry.documentIds()));
        insert.setLong(7, entry.latencyMs());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not write the query log", e);
    }
  }

  /** The newest logged searches of a collection (this node's queue written first). */
  public List<Entry> recent(String collection, int limit) {
    flush();
    return stored(collection, limit);
  }

  @ReadOnly
  List<Entry> stored(String collection, int limit) {
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
  public Optional<LoggedQuery> find(String collection, String queryId) {
    flush();
    return findStored(collection, queryId);
  }

  @ReadOnly
  Optional<LoggedQuery> findStored(String collection, String queryId) {
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
