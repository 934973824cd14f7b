package dev.ragops.indexer;

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
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/** The {@code chunks} table: the durable copy of every chunk and its vector. */
@Singleton
class ChunkTable {

  private static final String DELETE_DOCUMENT_SQL = "DELETE FROM chunks WHERE document_id = ?";

  private static final String INSERT_SQL =
      """
      INSERT INTO chunks (id, document_id, collection_id, ordinal, text, start_offset, end_offset,
                          model_id, generation, embedding)
      VALUES (?, ?, (SELECT id FROM collections WHERE name = ?), ?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String COUNT_SQL = "SELECT COUNT(*) FROM chunks";

  private static final String SELECT_ALL_SQL =
      "SELECT "
          + ChunkRowReader.CHUNK_COLUMNS
          + ", c.embedding FROM "
          + ChunkRowReader.CHUNK_JOINS
          + " ORDER BY c.document_id, c.ordinal";

  private final DataSource dataSource;
  private final VectorColumn vectors;
  private final ChunkRowReader rows;

  ChunkTable(DataSource dataSource, VectorColumn vectors, ChunkRowReader rows) {
    this.dataSource = dataSource;
    this.vectors = vectors;
    this.rows = rows;
  }

  /** Deletes the document's chunks and inserts {@code chunks} in the caller's transaction. */
  @Transactional
  public void replace(
      String collection, String documentId, List<IndexedChunk> chunks, String modelId) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement delete = connection.prepareStatement(DELETE_DOCUMENT_SQL)) {
        delete.setObject(1, UUID.fromString(documentId));
        delete.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
        for (IndexedChunk indexed : chunks) {
          var chunk = indexed.chunk();
          insert.setObject(1, UUID.fromString(chunk.id()));
          insert.setObject(2, UUID.fromString(documentId));
          insert.setString(3, collection);
          insert.setInt(4, chunk.ordinal());
          insert.setString(5, chunk.text());
          insert.setInt(6, chunk.startOffset());
          insert.setInt(7, chunk.endOffset());
          insert.setString(8, modelId);
          insert.setInt(9, 1);
          vectors.bind(insert, 10, indexed.vector());
          insert.addBatch();
        }
        insert.executeBatch();
      }
    } catch (SQLException e) {
      throw new RetriableException("could not store the chunks of document " + documentId, e);
    }
  }

  @ReadOnly
  public long count() {
    try (PreparedStatement count = dataSource.getConnection().prepareStatement(COUNT_SQL);
        ResultSet result = count.executeQuery()) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new RetriableException("could not count chunks", e);
    }
  }

  /**
   * Streams every stored chunk, grouped by document, to {@code sink}: one call per document with
   * its chunks in order.
   */
  @ReadOnly
  public void forEachDocument(Consumer<List<IndexedChunk>> sink) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_ALL_SQL)) {
      select.setFetchSize(500);
      try (ResultSet result = select.executeQuery()) {
        List<IndexedChunk> document = new ArrayList<>();
        while (result.next()) {
          var chunk = rows.read(result);
          if (!document.isEmpty()
              && !document.get(0).chunk().documentId().equals(chunk.documentId())) {
            sink.accept(document);
            document = new ArrayList<>();
          }
          document.add(new IndexedChunk(chunk, vectors.read(result, "embedding")));
        }
        if (!document.isEmpty()) {
          sink.accept(document);
        }
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read chunks for an index rebuild", e);
    }
  }
}
