package dev.ragops.indexer;

import dev.ragops.model.Fingerprint;
import dev.ragops.model.GenerationStore.StoredDocument;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.RetriableException;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/** Reads and drops the chunks of one index generation, for reindexing and garbage collection. */
@Singleton
class GenerationChunks {

  private static final String SELECT_DOCUMENT_GENERATION_SQL =
      "SELECT %s, c.embedding FROM "
          + ChunkRowReader.CHUNK_JOINS
          + " WHERE c.document_id = ? AND c.generation = ? ORDER BY c.ordinal";

  private static final String DOCUMENTS_SQL =
      """
      SELECT c.document_id, c.document_version, c.parser_version,
             c.chunker_hash, c.model_id, c.dimension, COUNT(*) AS chunks
      FROM chunks c JOIN collections k ON k.id = c.collection_id
      WHERE k.name = ? AND c.generation = ?
      GROUP BY c.document_id, c.document_version, c.parser_version, c.chunker_hash, c.model_id,
               c.dimension
      ORDER BY c.document_id, c.document_version\
      """;

  private static final String GENERATION_DOCUMENTS_SQL =
      "SELECT DISTINCT c.document_id FROM chunks c JOIN collections k ON k.id = c.collection_id"
          + " WHERE k.name = ? AND c.generation = ?";

  private static final String DELETE_DOCUMENT_GENERATION_SQL =
      "DELETE FROM chunks WHERE document_id = ? AND generation = ?";

  private final DataSource dataSource;
  private final VectorColumn vectors;
  private final ChunkRowReader rows;

  GenerationChunks(DataSource dataSource, VectorColumn vectors, ChunkRowReader rows) {
    this.dataSource = dataSource;
    this.vectors = vectors;
    this.rows = rows;
  }

  @ReadOnly
  public List<IndexedChunk> chunks(String documentId, int generation) {
    try (PreparedStatement select =
        dataSource
            .getConnection()
            .prepareStatement(
                SELECT_DOCUMENT_GENERATION_SQL.formatted(ChunkRowReader.CHUNK_COLUMNS))) {
      select.setObject(1, UUID.fromString(documentId));
      select.setInt(2, generation);
      List<IndexedChunk> chunks = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          chunks.add(new IndexedChunk(rows.read(result), vectors.read(result, "embedding")));
        }
      }
      return chunks;
    } catch (SQLException e) {
      throw new RetriableException("could not read the chunks of document " + documentId, e);
    }
  }

  /** Per document of the generation: its version, fingerprint and chunk count. */
  @ReadOnly
  public Map<String, StoredDocument> documents(String collection, int generation) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(DOCUMENTS_SQL)) {
      select.setString(1, collection);
      select.setInt(2, generation);
      Map<String, StoredDocument> documents = new LinkedHashMap<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          String id = result.getString("document_id");
          documents.putIfAbsent(
              id,
              new StoredDocument(
                  id,
                  result.getInt("document_version"),
                  new Fingerprint(
                      result.getString("parser_version"),
                      result.getString("chunker_hash"),
                      result.getString("model_id"),
                      result.getInt("dimension")),
                  result.getInt("chunks")));
        }
      }
      return documents;
    } catch (SQLException e) {
      throw new RetriableException("could not read generation " + generation, e);
    }
  }

  /**
   * Deletes the generation's chunks, recording a change per document so every node's index drops
   * them too; returns the number of chunks deleted.
   */
  @Transactional
  public long delete(String collection, int generation) {
    try {
      Connection connection = dataSource.getConnection();
      List<String> documents = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(GENERATION_DOCUMENTS_SQL)) {
        select.setString(1, collection);
        select.setInt(2, generation);
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            documents.add(result.getString(1));
          }
        }
      }
      long deleted = 0;
      for (String documentId : documents) {
        try (PreparedStatement delete =
            connection.prepareStatement(DELETE_DOCUMENT_GENERATION_SQL)) {
          delete.setObject(1, UUID.fromString(documentId));
          delete.setInt(2, generation);
          deleted += delete.executeUpdate();
        }
        ChunkTable.appendChange(connection, collection, documentId);
      }
      return deleted;
    } catch (SQLException e) {
      throw new RetriableException(
          "could not delete generation " + generation + " of " + collection, e);
    }
  }
}
