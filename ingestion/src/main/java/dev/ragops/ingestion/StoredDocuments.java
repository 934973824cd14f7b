package dev.ragops.ingestion;

import dev.ragops.model.DocumentCatalog;
import dev.ragops.model.RetriableException;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** {@link DocumentCatalog} over the documents and chunks tables. */
@Singleton
class StoredDocuments implements DocumentCatalog {

  private static final String CONTENT_HASHES_SQL =
      """
      SELECT d.source_id, d.content_hash FROM documents d
      JOIN collections c ON c.id = d.collection_id
      WHERE c.name = ? AND d.source_id IN (%s)\
      """;

  private static final String SOURCE_IDS_SQL =
      """
      SELECT d.id, d.source_id FROM documents d
      JOIN collections c ON c.id = d.collection_id
      WHERE c.name = ? AND d.id IN (%s)\
      """;

  private static final String CHUNKS_SQL =
      """
      SELECT ch.id, ch.document_id, d.source_id, d.content_hash, ch.text FROM chunks ch
      JOIN documents d ON d.id = ch.document_id
      JOIN collections c ON c.id = d.collection_id
      WHERE c.name = ? AND ch.id IN (%s)\
      """;

  /** Ids bound per statement; longer lists are looked up in several statements. */
  private static final int BATCH = 500;

  private final DataSource dataSource;

  StoredDocuments(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Override
  @ReadOnly
  public Map<String, String> contentHashes(String collection, Collection<String> sourceIds) {
    Map<String, String> hashes = new HashMap<>();
    query(
        CONTENT_HASHES_SQL,
        collection,
        List.copyOf(new LinkedHashSet<>(sourceIds)),
        row -> hashes.put(row.getString(1), row.getString(2).strip()));
    return hashes;
  }

  @Override
  @ReadOnly
  public Map<String, String> sourceIds(String collection, Collection<String> documentIds) {
    Map<String, String> sourceIds = new HashMap<>();
    query(
        SOURCE_IDS_SQL,
        collection,
        uuids(documentIds),
        row -> sourceIds.put(row.getString(1), row.getString(2)));
    return sourceIds;
  }

  @Override
  @ReadOnly
  public Map<String, StoredChunk> chunks(String collection, Collection<String> chunkIds) {
    Map<String, StoredChunk> chunks = new HashMap<>();
    query(
        CHUNKS_SQL,
        collection,
        uuids(chunkIds),
        row ->
            chunks.put(
                row.getString(1),
                new StoredChunk(
                    row.getString(1),
                    row.getString(2),
                    row.getString(3),
                    row.getString(4).strip(),
                    row.getString(5))));
    return chunks;
  }

  private interface RowHandler {
    void accept(ResultSet row) throws SQLException;
  }

  private void query(String sql, String collection, List<?> ids, RowHandler handler) {
    for (int from = 0; from < ids.size(); from += BATCH) {
      var batch = ids.subList(from, Math.min(ids.size(), from + BATCH));
      String placeholders = batch.stream().map(id -> "?").collect(Collectors.joining(", "));
      try (PreparedStatement select =
          dataSource.getConnection().prepareStatement(sql.formatted(placeholders))) {
        select.setString(1, collection);
        for (int i = 0; i < batch.size(); i++) {
          select.setObject(i + 2, batch.get(i));
        }
        try (ResultSet row = select.executeQuery()) {
          while (row.next()) {
            handler.accept(row);
          }
        }
      } catch (SQLException e) {
        throw new RetriableException("could not read the documents of " + collection, e);
      }
    }
  }

  /** The ids that are UUIDs; anything else names no stored row. */
  private static List<UUID> uuids(Collection<String> ids) {
    Set<UUID> uuids = new LinkedHashSet<>();
    for (String id : ids) {
      try {
        uuids.add(UUID.fromString(id));
      } catch (IllegalArgumentException | NullPointerException e) {
        // not an id of ours: absent from the result, as documented
      }
    }
    return List.copyOf(uuids);
  }
}
