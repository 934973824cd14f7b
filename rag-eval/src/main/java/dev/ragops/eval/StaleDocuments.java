package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import dev.ragops.model.StalenessView;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Documents a detector found stale ({@code stale_documents}), by reason ({@code drift}, {@code
 * ttl}, {@code sources}). Search hits read {@link #isStale} from a per-collection snapshot that is
 * refreshed every {@code ragops.freshness.stale-cache} (and at once on this node's own writes).
 */
@Singleton
class StaleDocuments implements StalenessView {

  private static final String DELETE_REASON_SQL =
      """
      DELETE FROM stale_documents WHERE reason = ?
      AND collection_id = (SELECT id FROM collections WHERE name = ?)\
      """;

  private static final String INSERT_SQL =
      """
      INSERT INTO stale_documents (document_id, collection_id, reason, detected_at)
      SELECT d.id, d.collection_id, ?, ? FROM documents d
      WHERE d.id = ? AND NOT EXISTS (SELECT 1 FROM stale_documents s WHERE s.document_id = d.id)\
      """;

  private static final String SELECT_SQL =
      """
      SELECT s.document_id FROM stale_documents s JOIN collections c ON c.id = s.collection_id
      WHERE c.name = ?\
      """;

  private record Snapshot(Set<String> ids, long takenAt) {}

  private final DataSource dataSource;
  private final long maxAgeNanos;
  private final Map<String, Snapshot> snapshots = new ConcurrentHashMap<>();

  StaleDocuments(
      DataSource dataSource, @Value("${ragops.freshness.stale-cache:5s}") Duration maxAge) {
    this.dataSource = dataSource;
    this.maxAgeNanos = maxAge.toNanos();
  }

  /**
   * Makes {@code documentIds} the collection's stale documents for {@code reason}, replacing that
   * reason's earlier findings (a document keeps the first reason found).
   */
  @Transactional
  void replace(String collection, String reason, Collection<String> documentIds) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement delete = connection.prepareStatement(DELETE_REASON_SQL)) {
        delete.setString(1, reason);
        delete.setString(2, collection);
        delete.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
        var now = OffsetDateTime.now(ZoneOffset.UTC);
        for (String id : documentIds) {
          insert.setString(1, reason);
          insert.setObject(2, now);
          insert.setObject(3, UUID.fromString(id));
          insert.executeUpdate();
        }
      }
      snapshots.remove(collection);
    } catch (SQLException e) {
      throw new RetriableException("could not record stale documents of " + collection, e);
    }
  }

  /** How many documents of the collection are stale now. */
  int count(String collection) {
    return snapshot(collection).ids().size();
  }

  @Override
  public boolean isStale(String collection, String documentId) {
    return snapshot(collection).ids().contains(documentId);
  }

  private Snapshot snapshot(String collection) {
    var current = snapshots.get(collection);
    if (current != null && System.nanoTime() - current.takenAt() < maxAgeNanos) {
      return current;
    }
    var fresh = new Snapshot(read(collection), System.nanoTime());
    snapshots.put(collection, fresh);
    return fresh;
  }

  @ReadOnly
  Set<String> read(String collection) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_SQL)) {
      select.setString(1, collection);
      Set<String> ids = new HashSet<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          ids.add(result.getString(1));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new RetriableException("could not read the stale documents of " + collection, e);
    }
  }
}
