package dev.ragops.ingestion;

import dev.ragops.model.RetriableException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The {@code document_texts} table: the extracted text of a document version with its headings and
 * page starts, so a reindex can chunk it again without the upload, which is dropped once its job
 * has succeeded. The current and the previous version of each document are kept.
 */
@Singleton
class DocumentTexts {

  /** A stored extraction and the parser version that made it. */
  record StoredText(ExtractedText extracted, String parserVersion) {}

  private static final String DELETE_SQL =
      "DELETE FROM document_texts WHERE document_id = ? AND (version = ? OR version < ?)";

  private static final String INSERT_SQL =
      """
      INSERT INTO document_texts (document_id, version, text, structure, title, content_type,
                                  metadata, parser_version, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String SELECT_SQL =
      """
      SELECT text, structure, title, content_type, metadata, parser_version
      FROM document_texts WHERE document_id = ? AND version = ?\
      """;

  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  DocumentTexts(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** Stores the text of {@code version}, dropping versions older than the one before it. */
  @Transactional
  void save(UUID documentId, int version, ExtractedText extracted, String parserVersion) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement delete = connection.prepareStatement(DELETE_SQL)) {
        delete.setObject(1, documentId);
        delete.setInt(2, version);
        delete.setInt(3, version - 1);
        delete.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
        insert.setObject(1, documentId);
        insert.setInt(2, version);
        insert.setString(3, extracted.text());
        insert.setString(4, json.writeValueAsString(extracted.structure()));
        insert.setString(5, extracted.title());
        insert.setString(6, extracted.contentType());
        insert.setString(7, json.writeValueAsString(extracted.metadata()));
        insert.setString(8, parserVersion);
        insert.setObject(9, OffsetDateTime.now(ZoneOffset.UTC));
        insert.executeUpdate();
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not store the text of document " + documentId, e);
    }
  }

  /** The stored text of {@code version}, if it was kept. */
  @ReadOnly
  Optional<StoredText> find(UUID documentId, int version) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_SQL)) {
      select.setObject(1, documentId);
      select.setInt(2, version);
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        var structure = json.readValue(result.getString("structure"), TextStructure.class);
        Map<String, Object> metadata = json.readValue(result.getString("metadata"), JSON_OBJECT);
        return Optional.of(
            new StoredText(
                new ExtractedText(
                    result.getString("text"),
                    result.getString("title"),
                    result.getString("content_type"),
                    metadata == null ? Map.of() : metadata,
                    structure == null ? TextStructure.NONE : structure),
                result.getString("parser_version")));
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the text of document " + documentId, e);
    }
  }
}
