package dev.ragops.indexer;

import dev.ragops.model.Chunk;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;

/**
 * Reads a {@link Chunk} from a row that selects the chunk columns joined with its document and
 * collection, as {@link #CHUNK_COLUMNS} lists them.
 */
@Singleton
final class ChunkRowReader {

  /** The select list every chunk query uses; tables aliased {@code c}, {@code d}, {@code k}. */
  static final String CHUNK_COLUMNS =
      """
      c.id, c.document_id, k.name AS collection, d.source_id, d.title, d.metadata,
      c.ordinal, c.text, c.start_offset, c.end_offset, c.heading_path, c.page,
      c.document_version, c.generation, c.indexed_at, c.flags\
      """;

  static final String CHUNK_JOINS =
      """
      chunks c JOIN documents d ON d.id = c.document_id
      JOIN collections k ON k.id = d.collection_id\
      """;

  private static final Argument<Map<String, Object>> METADATA =
      Argument.mapOf(String.class, Object.class);

  private static final Argument<List<String>> FLAGS = Argument.listOf(String.class);

  private final JsonMapper json;

  ChunkRowReader(JsonMapper json) {
    this.json = json;
  }

  Chunk read(ResultSet row) throws SQLException {
    return new Chunk(
        row.getString("id"),
        row.getString("document_id"),
        row.getString("collection"),
        row.getString("source_id"),
        row.getString("title"),
        row.getInt("ordinal"),
        row.getString("text"),
        row.getInt("start_offset"),
        row.getInt("end_offset"),
        metadata(row.getString("metadata")),
        row.getString("heading_path"),
        row.getInt("page"),
        row.getInt("document_version"),
        row.getInt("generation"),
        row.getObject("indexed_at", OffsetDateTime.class).toInstant(),
        flags(row.getString("flags")));
  }

  private List<String> flags(String text) {
    if (text == null || text.isBlank()) {
      return List.of();
    }
    try {
      return json.readValue(text, FLAGS);
    } catch (IOException e) {
      throw new UncheckedIOException("stored chunk flags are not a JSON array", e);
    }
  }

  private Map<String, Object> metadata(String text) {
    if (text == null || text.isBlank()) {
      return Map.of();
    }
    try {
      return json.readValue(text, METADATA);
    } catch (IOException e) {
      throw new UncheckedIOException("stored document metadata is not valid JSON", e);
    }
  }
}
