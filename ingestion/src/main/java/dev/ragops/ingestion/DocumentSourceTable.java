package dev.ragops.ingestion;

import dev.ragops.model.RetriableException;
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
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The source columns of {@code documents}: the URL a document was fetched from, the validators its
 * server sent, and when it was last checked.
 */
@Singleton
class DocumentSourceTable {

  /** A URL-sourced document as the sources check needs it. */
  record UrlDocument(
      UUID id,
      String sourceId,
      String url,
      @Nullable String etag,
      @Nullable String lastModified,
      String contentHash,
      String metadata) {}

  /** A ready document and when its content was last known to be current. */
  record Age(UUID id, String sourceId, Instant refreshedAt) {}

  private static final String RECORD_SQL =
      """
      UPDATE documents SET source_url = ?, etag = ?, last_modified = ?, checked_at = ?
      WHERE id = ?\
      """;

  private static final String CHECKED_SQL = "UPDATE documents SET checked_at = ? WHERE id = ?";

  private static final String URL_DOCUMENTS_SQL =
      """
      SELECT id, source_id, source_url, etag, last_modified, content_hash, metadata
      FROM documents WHERE collection_id = ? AND source_url IS NOT NULL ORDER BY source_id\
      """;

  private static final String AGES_SQL =
      """
      SELECT id, source_id, updated_at, checked_at FROM documents
      WHERE collection_id = ? AND status = 'ready' ORDER BY source_id\
      """;

  private final DataSource dataSource;

  DocumentSourceTable(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Transactional
  void record(UUID documentId, String url, @Nullable String etag, @Nullable String lastModified) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(RECORD_SQL)) {
      update.setString(1, url);
      update.setString(2, etag);
      update.setString(3, lastModified);
      update.setObject(4, OffsetDateTime.now(ZoneOffset.UTC));
      update.setObject(5, documentId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not record the source of document " + documentId, e);
    }
  }

  @Transactional
  void checked(UUID documentId) {
    try (PreparedStatement update = dataSource.getConnection().prepareStatement(CHECKED_SQL)) {
      update.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      update.setObject(2, documentId);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not record the check of document " + documentId, e);
    }
  }

  @ReadOnly
  List<UrlDocument> urlDocuments(UUID collectionId) {
    try (PreparedStatement select =
        dataSource.getConnection().prepareStatement(URL_DOCUMENTS_SQL)) {
      select.setObject(1, collectionId);
      List<UrlDocument> rows = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          rows.add(
              new UrlDocument(
                  result.getObject("id", UUID.class),
                  result.getString("source_id"),
                  result.getString("source_url"),
                  result.getString("etag"),
                  result.getString("last_modified"),
                  result.getString("content_hash"),
                  result.getString("metadata")));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new RetriableException("could not read the URL sources", e);
    }
  }

  @ReadOnly
  List<Age> ages(UUID collectionId) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(AGES_SQL)) {
      select.setObject(1, collectionId);
      List<Age> rows = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          Instant updated = result.getObject("updated_at", OffsetDateTime.class).toInstant();
          var checked = result.getObject("checked_at", OffsetDateTime.class);
          Instant refreshed =
              checked != null && checked.toInstant().isAfter(updated)
                  ? checked.toInstant()
                  : updated;
          rows.add(
              new Age(
                  result.getObject("id", UUID.class), result.getString("source_id"), refreshed));
        }
      }
      return rows;
    } catch (SQLException e) {
      throw new RetriableException("could not read the document ages", e);
    }
  }
}
