package dev.ragops.bench.peer;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.postgresql.PGConnection;

/**
 * The rows ragops wrote for a collection (documents and chunks with their vectors), saved once
 * under {@code bench/.cache} (outside git) and loaded into a fresh database on later runs, so a
 * benchmark does not ingest and embed the same real documents again. Loading writes the same rows
 * into another collection; the HNSW index takes them as any insert.
 */
final class ChunkCache {

  private static final String DOCUMENT_COLUMNS =
      "id, source_id, title, content_type, content_hash, size_bytes, version, status, metadata,"
          + " chunk_count, created_at, updated_at";

  private static final String CHUNK_COLUMNS =
      "id, document_id, ordinal, text, start_offset, end_offset, heading_path, page,"
          + " document_version, generation, parser_version, chunker_hash, model_id, dimension,"
          + " indexed_at, embedding";

  private ChunkCache() {}

  static boolean exists(Path directory) {
    return Files.isRegularFile(directory.resolve("documents.csv"))
        && Files.isRegularFile(directory.resolve("chunks.csv"));
  }

  static void save(Connection connection, String collection, Path directory)
      throws SQLException, IOException {
    Files.createDirectories(directory);
    var copy = connection.unwrap(PGConnection.class).getCopyAPI();
    String scope =
        "(SELECT id FROM collections WHERE name = '" + collection.replace("'", "''") + "')";
    try (OutputStream out = Files.newOutputStream(directory.resolve("documents.csv"))) {
      copy.copyOut(
          "COPY (SELECT "
              + DOCUMENT_COLUMNS
              + " FROM documents WHERE collection_id = "
              + scope
              + " ORDER BY id) TO STDOUT WITH (FORMAT CSV)",
          out);
    }
    try (OutputStream out = Files.newOutputStream(directory.resolve("chunks.csv"))) {
      copy.copyOut(
          "COPY (SELECT "
              + CHUNK_COLUMNS
              + " FROM chunks WHERE collection_id = "
              + scope
              + " ORDER BY id) TO STDOUT WITH (FORMAT CSV)",
          out);
    }
  }

  /** Loads the saved rows into {@code collection}, which must exist and be empty. */
  static void load(Connection connection, String collection, Path directory)
      throws SQLException, IOException {
    var copy = connection.unwrap(PGConnection.class).getCopyAPI();
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE TEMP TABLE cached_documents AS SELECT "
              + DOCUMENT_COLUMNS
              + " FROM documents WHERE false");
      sql.execute(
          "CREATE TEMP TABLE cached_chunks AS SELECT "
              + CHUNK_COLUMNS
              + " FROM chunks WHERE false");
    }
    try (InputStream in = Files.newInputStream(directory.resolve("documents.csv"))) {
      copy.copyIn("COPY cached_documents FROM STDIN WITH (FORMAT CSV)", in);
    }
    try (InputStream in = Files.newInputStream(directory.resolve("chunks.csv"))) {
      copy.copyIn("COPY cached_chunks FROM STDIN WITH (FORMAT CSV)", in);
    }
    String scope =
        "(SELECT id FROM collections WHERE name = '" + collection.replace("'", "''") + "')";
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          "INSERT INTO documents (collection_id, "
              + DOCUMENT_COLUMNS
              + ") SELECT "
              + scope
              + ", "
              + DOCUMENT_COLUMNS
              + " FROM cached_documents");
      sql.execute(
          "INSERT INTO chunks (collection_id, "
              + CHUNK_COLUMNS
              + ") SELECT "
              + scope
              + ", "
              + CHUNK_COLUMNS
              + " FROM cached_chunks");
      sql.execute("DROP TABLE cached_documents");
      sql.execute("DROP TABLE cached_chunks");
    }
  }
}
