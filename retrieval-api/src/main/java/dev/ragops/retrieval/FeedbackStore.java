package dev.ragops.retrieval;

import dev.ragops.model.RelevanceFeedback;
import dev.ragops.model.RetriableException;
import io.micronaut.core.annotation.Nullable;
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
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The {@code query_feedback} table: judgments stored next to the query log rows they are about. */
@Singleton
class FeedbackStore implements RelevanceFeedback {

  private static final String CHUNK_DOCUMENT_SQL =
      "SELECT c.document_id FROM chunks c JOIN collections k ON k.id = c.collection_id"
          + " WHERE c.id = ? AND k.name = ?";

  private static final String DOCUMENT_SQL =
      "SELECT d.id FROM documents d JOIN collections k ON k.id = d.collection_id"
          + " WHERE d.id = ? AND k.name = ?";

  private static final String RESULTS_SQL =
      "SELECT chunk_ids, document_ids FROM query_log WHERE id = ?";

  private static final String INSERT_SQL =
      """
      INSERT INTO query_feedback (id, collection, query_id, chunk_id, document_id, relevant,
                                  in_results, comment, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String JUDGMENTS_SQL =
      """
      SELECT f.query_id, q.query_text, f.chunk_id, f.document_id, d.source_id, f.relevant,
             f.in_results, f.created_at
      FROM query_feedback f JOIN query_log q ON q.id = f.query_id
      LEFT JOIN documents d ON d.id = f.document_id
      WHERE f.collection = ? ORDER BY f.created_at, f.id\
      """;

  private static final String JUDGMENT_COUNTS_SQL =
      """
      SELECT COUNT(*), COALESCE(SUM(CASE WHEN relevant THEN 1 ELSE 0 END), 0)
      FROM query_feedback WHERE collection = ?\
      """;

  private static final String QUERY_COUNTS_SQL =
      """
      SELECT COUNT(*), COALESCE(SUM(CASE WHEN positives = 0 THEN 1 ELSE 0 END), 0) FROM (
        SELECT query_id, SUM(CASE WHEN relevant AND in_results THEN 1 ELSE 0 END) AS positives
        FROM query_feedback WHERE collection = ? GROUP BY query_id) per_query\
      """;

  private static final Argument<List<String>> IDS = Argument.listOf(String.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  FeedbackStore(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** A stored judgment, as the API shows it. */
  @Serdeable
  record Stored(
      String id,
      String queryId,
      @Nullable String chunkId,
      String documentId,
      boolean relevant,
      boolean inResults,
      @Nullable String comment,
      OffsetDateTime createdAt) {}

  /**
   * Per-collection feedback figures.
   *
   * @param positiveRate relevant judgments ÷ judgments (0 without any)
   * @param noPositiveShare share of judged queries none of whose results was judged relevant
   */
  @Serdeable
  record Metrics(
      long judgments,
      long positive,
      double positiveRate,
      long queries,
      long queriesWithoutPositive,
      double noPositiveShare) {}

  /** The document of chunk {@code chunkId} if it is a chunk of {@code collection}. */
  @ReadOnly
  public Optional<String> chunkDocument(String collection, String chunkId) {
    return firstString(CHUNK_DOCUMENT_SQL, UUID.fromString(chunkId), collection);
  }

  @ReadOnly
  public boolean hasDocument(String collection, String documentId) {
    return firstString(DOCUMENT_SQL, UUID.fromString(documentId), collection).isPresent();
  }

  /** Whether the logged search's results held the chunk (or, with no chunk, the document). */
  @ReadOnly
  public boolean inResults(String queryId, @Nullable String chunkId, String documentId) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(RESULTS_SQL)) {
      select.setObject(1, UUID.fromString(queryId));
      try (ResultSet row = select.executeQuery()) {
        if (!row.next()) {
          return false;
        }
        return chunkId != null
            ? json.readValue(row.getString(1), IDS).contains(chunkId)
            : json.readValue(row.getString(2), IDS).contains(documentId);
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the query log", e);
    }
  }

  @Transactional
  public Stored insert(String collection, FeedbackRequest request, String documentId, boolean in) {
    var stored =
        new Stored(
            UUID.randomUUID().toString(),
            request.queryId(),
            request.chunkId(),
            documentId,
            request.relevant(),
            in,
            request.comment(),
            OffsetDateTime.now(ZoneOffset.UTC));
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, UUID.fromString(stored.id()));
      insert.setString(2, collection);
      insert.setObject(3, UUID.fromString(stored.queryId()));
      insert.setObject(4, stored.chunkId() == null ? null : UUID.fromString(stored.chunkId()));
      insert.setObject(5, UUID.fromString(stored.documentId()));
      insert.setBoolean(6, stored.relevant());
      insert.setBoolean(7, stored.inResults());
      insert.setString(8, stored.comment());
      insert.setObject(9, stored.createdAt());
      insert.executeUpdate();
      return stored;
    } catch (SQLException e) {
      throw new RetriableException("could not store feedback on query " + request.queryId(), e);
    }
  }

  @Override
  @ReadOnly
  public List<Judgment> judgments(String collection) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(JUDGMENTS_SQL)) {
      select.setString(1, collection);
      List<Judgment> judgments = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          judgments.add(
              new Judgment(
                  row.getString(1),
                  row.getString(2),
                  row.getString(3),
                  row.getString(4),
                  row.getString(5),
                  row.getBoolean(6),
                  row.getBoolean(7),
                  row.getObject(8, OffsetDateTime.class).toInstant()));
        }
      }
      return judgments;
    } catch (SQLException e) {
      throw new RetriableException("could not read the feedback of " + collection, e);
    }
  }

  @ReadOnly
  public Metrics metrics(String collection) {
    try (PreparedStatement judged =
            dataSource.getConnection().prepareStatement(JUDGMENT_COUNTS_SQL);
        PreparedStatement queries = dataSource.getConnection().prepareStatement(QUERY_COUNTS_SQL)) {
      judged.setString(1, collection);
      queries.setString(1, collection);
      long judgments;
      long positive;
      try (ResultSet row = judged.executeQuery()) {
        row.next();
        judgments = row.getLong(1);
        positive = row.getLong(2);
      }
      try (ResultSet row = queries.executeQuery()) {
        row.next();
        long total = row.getLong(1);
        long withoutPositive = row.getLong(2);
        return new Metrics(
            judgments,
            positive,
            judgments == 0 ? 0 : (double) positive / judgments,
            total,
            withoutPositive,
            total == 0 ? 0 : (double) withoutPositive / total);
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the feedback of " + collection, e);
    }
  }

  private Optional<String> firstString(String sql, Object first, String second) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(sql)) {
      select.setObject(1, first);
      select.setString(2, second);
      try (ResultSet row = select.executeQuery()) {
        return row.next() ? Optional.of(row.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RetriableException("could not look up " + first, e);
    }
  }
}
