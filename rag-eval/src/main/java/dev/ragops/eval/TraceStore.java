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
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Traces in the database ({@code eval_traces}). */
@Singleton
class TraceStore {

  private static final String INSERT_SQL =
      """
      INSERT INTO eval_traces (id, collection_id, question, answer, contexts, chunk_ids, status,
                               created_at)
      SELECT ?, id, ?, ?, ?, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final String SCORED_SQL =
      """
      UPDATE eval_traces SET status = 'scored', judge = ?, score = ?, sentences = ?, scored_at = ?
      WHERE id = ? AND status = 'pending'\
      """;

  private static final String FAILED_SQL =
      """
      UPDATE eval_traces SET status = 'failed', error = ?, scored_at = ?
      WHERE id = ? AND status = 'pending'\
      """;

  private static final String CLAIM_SQL =
      "UPDATE eval_traces SET attempts = attempts + 1 WHERE id = ? AND status = 'pending'";

  private static final String SELECT_PENDING_SQL =
      """
      SELECT c.name, t.question, t.answer, t.contexts, t.attempts
      FROM eval_traces t JOIN collections c ON c.id = t.collection_id WHERE t.id = ?\
      """;

  private static final String RECENT_SQL =
      """
      SELECT t.id, t.question, t.answer, t.contexts, t.chunk_ids, t.status, t.judge, t.score,
             t.sentences, t.error, t.created_at, t.scored_at
      FROM eval_traces t JOIN collections c ON c.id = t.collection_id
      WHERE c.name = ? ORDER BY t.created_at DESC, t.id DESC LIMIT ?\
      """;

  private static final Argument<List<String>> STRINGS = Argument.listOf(String.class);
  private static final Argument<List<FaithfulnessResponse.Sentence>> SENTENCES =
      Argument.listOf(FaithfulnessResponse.Sentence.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  TraceStore(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @Transactional
  void insert(String collection, TraceView trace) {
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, UUID.fromString(trace.id()));
      insert.setString(2, trace.question());
      insert.setString(3, trace.answer());
      insert.setString(4, json.writeValueAsString(trace.contexts()));
      insert.setString(5, json.writeValueAsString(trace.chunkIds()));
      insert.setString(6, trace.status());
      insert.setObject(7, trace.createdAt().atOffset(ZoneOffset.UTC));
      insert.setString(8, collection);
      insert.executeUpdate();
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not store trace " + trace.id(), e);
    }
  }

  /** A trace waiting for its score, claimed by one start of its scoring job. */
  record Pending(
      String collection, String question, String answer, List<String> contexts, int attempts) {}

  /**
   * Counts one attempt at scoring a pending trace and returns what the judge needs; empty when the
   * trace is no longer pending (scored or failed already, or gone).
   */
  @Transactional
  Optional<Pending> claim(String traceId) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(CLAIM_SQL);
        PreparedStatement select =
            dataSource.getConnection().prepareStatement(SELECT_PENDING_SQL)) {
      update.setObject(1, UUID.fromString(traceId));
      if (update.executeUpdate() == 0) {
        return Optional.empty();
      }
      select.setObject(1, UUID.fromString(traceId));
      try (ResultSet row = select.executeQuery()) {
        row.next();
        return Optional.of(
            new Pending(
                row.getString(1),
                row.getString(2),
                row.getString(3),
                json.readValue(row.getString(4), STRINGS),
                row.getInt(5)));
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not claim trace " + traceId, e);
    }
  }

  /**
   * Stores a pending trace's score; does nothing when it is no longer pending.
   *
   * @return whether this call scored it
   */
  @Transactional
  boolean scored(String traceId, Judgement judgement) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(SCORED_SQL)) {
      update.setString(1, judgement.judge());
      update.setDouble(2, judgement.score());
      update.setString(3, json.writeValueAsString(FaithfulnessResponse.of(judgement).sentences()));
      update.setObject(4, Instant.now().atOffset(ZoneOffset.UTC));
      update.setObject(5, UUID.fromString(traceId));
      return update.executeUpdate() > 0;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not store the score of trace " + traceId, e);
    }
  }

  /** Ends a pending trace as failed with {@code error}; does nothing when it is not pending. */
  @Transactional
  void failed(String traceId, String error) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(FAILED_SQL)) {
      update.setString(1, error.length() > 4000 ? error.substring(0, 4000) : error);
      update.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
      update.setObject(3, UUID.fromString(traceId));
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not record the failure of trace " + traceId, e);
    }
  }

  /** The collection's traces, newest first. */
  @ReadOnly
  List<TraceView> recent(String collection, int limit) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(RECENT_SQL)) {
      select.setString(1, collection);
      select.setInt(2, limit);
      List<TraceView> traces = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String sentences = row.getString("sentences");
          Double score = row.getObject("score", Double.class);
          traces.add(
              new TraceView(
                  row.getString("id"),
                  row.getString("question"),
                  row.getString("answer"),
                  json.readValue(row.getString("contexts"), STRINGS),
                  json.readValue(row.getString("chunk_ids"), STRINGS),
                  row.getString("status"),
                  row.getString("judge"),
                  score,
                  sentences == null ? null : json.readValue(sentences, SENTENCES),
                  row.getString("error"),
                  DatasetStore.instant(row, "created_at"),
                  DatasetStore.instant(row, "scored_at")));
        }
      }
      return traces;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the traces of " + collection, e);
    }
  }
}
