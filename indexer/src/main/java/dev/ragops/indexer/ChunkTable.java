package dev.ragops.indexer;

import dev.ragops.model.Fingerprint;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.RetriableException;
import dev.ragops.model.Traceparent;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.Consumer;
import javax.sql.DataSource;

/**
 * The {@code chunks} table, the durable copy of every chunk and its vector, and the {@code
 * chunk_changes} sequence that tells each node's Lucene index what changed. Every write appends to
 * the sequence in the same transaction.
 */
@Singleton
class ChunkTable {

  private static final String DELETE_GENERATION_SQL =
      "DELETE FROM chunks WHERE document_id = ? AND generation = ?";

  private static final String DELETE_DOCUMENT_SQL = "DELETE FROM chunks WHERE document_id = ?";

  private static final String INSERT_SQL =
      """
      INSERT INTO chunks (id, document_id, collection_id, ordinal, text, start_offset, end_offset,
                          heading_path, page, document_version, generation, parser_version,
                          chunker_hash, model_id, dimension, indexed_at, flags, embedding)
      VALUES (?, ?, (SELECT id FROM collections WHERE name = ?), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?,
              ?, ?, ?, ?)\
      """;

  private static final String INSERT_CHANGE_SQL =
      "INSERT INTO chunk_changes (collection, document_id, created_at, traceparent)"
          + " VALUES (?, ?, CURRENT_TIMESTAMP, ?)";

  private static final String COLLECTION_DOCUMENTS_SQL =
      "SELECT DISTINCT c.document_id FROM chunks c"
          + " WHERE c.collection_id = (SELECT id FROM collections WHERE name = ?)";

  private static final String FIRST_SINCE_SQL =
      "SELECT MIN(seq) FROM chunk_changes WHERE created_at > ?";

  private static final String CHANGES_AFTER_SQL =
      "SELECT seq, collection, document_id, traceparent FROM chunk_changes WHERE seq > ?"
          + " ORDER BY seq LIMIT ?";

  private static final String MAX_SEQ_SQL = "SELECT COALESCE(MAX(seq), 0) FROM chunk_changes";

  private static final String SELECT_DOCUMENT_SQL =
      "SELECT %s FROM "
          + ChunkRowReader.CHUNK_JOINS
          + " WHERE c.document_id = ? ORDER BY c.generation, c.ordinal";

  private static final String SELECT_ALL_SQL =
      "SELECT %s FROM " + ChunkRowReader.CHUNK_JOINS + " ORDER BY c.document_id, c.ordinal";

  private static final String SELECT_COLLECTION_SQL =
      "SELECT %s FROM "
          + ChunkRowReader.CHUNK_JOINS
          + " WHERE k.name = ? ORDER BY c.document_id, c.ordinal";

  private final DataSource dataSource;
  private final VectorColumn vectors;
  private final ChunkRowReader rows;

  ChunkTable(DataSource dataSource, VectorColumn vectors, ChunkRowReader rows) {
    this.dataSource = dataSource;
    this.vectors = vectors;
    this.rows = rows;
  }

  /**
   * Replaces the document's chunks of one generation with {@code chunks} and records the change;
   * returns the change's sequence number.
   */
  @Transactional
  public long replace(
      String collection,
      String documentId,
      int generation,
      Fingerprint fingerprint,
      List<IndexedChunk> chunks) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement delete = connection.prepareStatement(DELETE_GENERATION_SQL)) {
        delete.setObject(1, UUID.fromString(documentId));
        delete.setInt(2, generation);
        delete.executeUpdate();
      }
      var now = OffsetDateTime.now(ZoneOffset.UTC);
      try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
        for (IndexedChunk indexed : chunks) {
          var chunk = indexed.chunk();
          int column = 1;
          insert.setObject(column++, UUID.fromString(chunk.id()));
          insert.setObject(column++, UUID.fromString(documentId));
          insert.setString(column++, collection);
          insert.setInt(column++, chunk.ordinal());
          insert.setString(column++, chunk.text());
          insert.setInt(column++, chunk.startOffset());
          insert.setInt(column++, chunk.endOffset());
          insert.setString(column++, chunk.headingPath());
          insert.setInt(column++, chunk.page());
          insert.setInt(column++, chunk.documentVersion());
          insert.setInt(column++, generation);
          insert.setString(column++, fingerprint.parserVersion());
          insert.setString(column++, fingerprint.chunkerHash());
          insert.setString(column++, fingerprint.modelId());
          insert.setInt(column++, fingerprint.dimension());
          insert.setObject(column++, now);
          insert.setString(column++, flagsJson(chunk.flags()));
          vectors.bind(insert, column, indexed.vector());
          insert.addBatch();
        }
        insert.executeBatch();
      }
      return appendChange(connection, collection, documentId);
    } catch (SQLException e) {
      throw new RetriableException("could not store the chunks of document " + documentId, e);
    }
  }

  /**
   * Records a change for the document without touching its chunks, so every node's index re-reads
   * it (e.g. its metadata changed); returns the change's sequence number.
   */
  @Transactional
  public long touch(String collection, String documentId) {
    try {
      return appendChange(dataSource.getConnection(), collection, documentId);
    } catch (SQLException e) {
      throw new RetriableException("could not record a change of document " + documentId, e);
    }
  }

  /** Deletes the document's chunks of every generation; returns the change's sequence number. */
  @Transactional
  public long deleteDocument(String collection, String documentId) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement delete = connection.prepareStatement(DELETE_DOCUMENT_SQL)) {
        delete.setObject(1, UUID.fromString(documentId));
        delete.executeUpdate();
      }
      return appendChange(connection, collection, documentId);
    } catch (SQLException e) {
      throw new RetriableException("could not delete the chunks of document " + documentId, e);
    }
  }

  /**
   * Deletes every chunk of the collection and records a change per document; call it before the
   * collection's rows are deleted. Returns the last change's sequence number, 0 if none.
   */
  @Transactional
  public long deleteCollection(String collection) {
    try {
      Connection connection = dataSource.getConnection();
      List<String> documents = new ArrayList<>();
      try (PreparedStatement select = connection.prepareStatement(COLLECTION_DOCUMENTS_SQL)) {
        select.setString(1, collection);
        try (ResultSet result = select.executeQuery()) {
          while (result.next()) {
            documents.add(result.getString(1));
          }
        }
      }
      long last = 0;
      for (String documentId : documents) {
        try (PreparedStatement delete = connection.prepareStatement(DELETE_DOCUMENT_SQL)) {
          delete.setObject(1, UUID.fromString(documentId));
          delete.executeUpdate();
        }
        last = appendChange(connection, collection, documentId);
      }
      return last;
    } catch (SQLException e) {
      throw new RetriableException("could not delete the chunks of collection " + collection, e);
    }
  }

  /**
   * The first sequence number recorded after {@code instant}, or one past the last if none: a
   * rebuild re-applies changes from there, in case their transactions were still open.
   */
  @ReadOnly
  public long firstSeqSince(OffsetDateTime instant) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(FIRST_SINCE_SQL)) {
      select.setObject(1, instant);
      try (ResultSet result = select.executeQuery()) {
        result.next();
        long first = result.getLong(1);
        return result.wasNull() ? lastSeq() + 1 : first;
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the change sequence", e);
    }
  }

  static long appendChange(Connection connection, String collection, String documentId)
      throws SQLException {
    try (PreparedStatement change =
        connection.prepareStatement(INSERT_CHANGE_SQL, new String[] {"seq"})) {
      change.setString(1, collection);
      change.setObject(2, UUID.fromString(documentId));
      change.setString(3, Traceparent.current());
      change.executeUpdate();
      try (ResultSet keys = change.getGeneratedKeys()) {
        keys.next();
        return keys.getLong(1);
      }
    }
  }

  /** Up to {@code limit} changes with a sequence number above {@code seq}, in order. */
  @ReadOnly
  public List<ChunkChange> changesAfter(long seq, int limit) {
    try (PreparedStatement select =
        dataSource.getConnection().prepareStatement(CHANGES_AFTER_SQL)) {
      select.setLong(1, seq);
      select.setInt(2, limit);
      List<ChunkChange> changes = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          changes.add(
              new ChunkChange(
                  result.getLong("seq"),
                  result.getString("collection"),
                  result.getString("document_id"),
                  result.getString("traceparent")));
        }
      }
      return changes;
    } catch (SQLException e) {
      throw new RetriableException("could not read the change sequence", e);
    }
  }

  @ReadOnly
  public long lastSeq() {
    try (PreparedStatement max = dataSource.getConnection().prepareStatement(MAX_SEQ_SQL);
        ResultSet result = max.executeQuery()) {
      result.next();
      return result.getLong(1);
    } catch (SQLException e) {
      throw new RetriableException("could not read the change sequence", e);
    }
  }

  /** The document's chunks of every generation, as stored now; empty when it has none. */
  @ReadOnly
  public List<IndexedChunk> documentChunks(String documentId, boolean withVectors) {
    try (PreparedStatement select =
        dataSource
            .getConnection()
            .prepareStatement(SELECT_DOCUMENT_SQL.formatted(columns(withVectors)))) {
      select.setObject(1, UUID.fromString(documentId));
      List<IndexedChunk> chunks = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          chunks.add(read(result, withVectors));
        }
      }
      return chunks;
    } catch (SQLException e) {
      throw new RetriableException("could not read the chunks of document " + documentId, e);
    }
  }

  /**
   * Streams every stored chunk, grouped by document, to {@code sink}: one call per document with
   * its chunks in order.
   */
  @ReadOnly
  public void forEachDocument(boolean withVectors, Consumer<List<IndexedChunk>> sink) {
    forEachDocument(null, withVectors, sink);
  }

  /** Like {@link #forEachDocument(boolean, Consumer)}, for one collection (all if null). */
  @ReadOnly
  public void forEachDocument(
      @Nullable String collection, boolean withVectors, Consumer<List<IndexedChunk>> sink) {
    String sql = collection == null ? SELECT_ALL_SQL : SELECT_COLLECTION_SQL;
    try (PreparedStatement select =
        dataSource.getConnection().prepareStatement(sql.formatted(columns(withVectors)))) {
      if (collection != null) {
        select.setString(1, collection);
      }
      select.setFetchSize(500);
      try (ResultSet result = select.executeQuery()) {
        List<IndexedChunk> document = new ArrayList<>();
        while (result.next()) {
          var chunk = read(result, withVectors);
          if (!document.isEmpty()
              && !document.get(0).chunk().documentId().equals(chunk.chunk().documentId())) {
            sink.accept(document);
            document = new ArrayList<>();
          }
          document.add(chunk);
        }
        if (!document.isEmpty()) {
          sink.accept(document);
        }
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read chunks for an index rebuild", e);
    }
  }

  /** The flags as a JSON array; they are lower-case names of letters, digits, ':' and '-'. */
  private static String flagsJson(List<String> flags) {
    var json = new StringBuilder("[");
    for (String flag : flags) {
      if (!flag.matches("[a-z0-9:-]+")) {
        throw new IllegalArgumentException("a chunk flag must match [a-z0-9:-]+, got " + flag);
      }
      json.append(json.length() > 1 ? "," : "").append('"').append(flag).append('"');
    }
    return json.append(']').toString();
  }

  private static String columns(boolean withVectors) {
    return ChunkRowReader.CHUNK_COLUMNS + (withVectors ? ", c.embedding" : "");
  }

  private IndexedChunk read(ResultSet result, boolean withVectors) throws SQLException {
    float[] vector = withVectors ? vectors.read(result, "embedding") : new float[0];
    return new IndexedChunk(rows.read(result), vector);
  }
}
