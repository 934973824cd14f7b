package dev.ragops.indexer;

import dev.ragops.model.Fingerprint;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.VectorStore;
import dev.ragops.testkit.TestPostgres;
import dev.ragops.testkit.VectorStoreContract;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** pgvector's HNSW store passes the same contract as Lucene's. */
class PgVectorStoreIT extends VectorStoreContract {

  private static final Fingerprint FINGERPRINT = new Fingerprint("test", "test", "test", 384);
  private static ApplicationContext context;

  @BeforeAll
  static void start() throws IOException {
    context = run(Map.of());
  }

  /** A context on a fresh database, migrated with {@code settings} on top of pgvector mode. */
  static ApplicationContext run(Map<String, Object> settings) throws IOException {
    var database = TestPostgres.freshDatabase();
    Map<String, Object> properties =
        new HashMap<>(database.micronautProperties("classpath:db/migration/postgres"));
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-pg").toString());
    properties.put("ragops.vector-store", "pgvector");
    properties.putAll(settings);
    return ApplicationContext.run(properties);
  }

  /** The context the contract runs against; subclasses with other settings override it. */
  ApplicationContext context() {
    return context;
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  @Override
  @SuppressWarnings("unchecked")
  protected VectorStore vectorStoreWith(List<IndexedChunk> chunks) {
    var context = context();
    var table = context.getBean(ChunkTable.class);
    var json = context.getBean(JsonMapper.class);
    TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
    Map<String, List<IndexedChunk>> byDocument =
        chunks.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.chunk().documentId(), LinkedHashMap::new, Collectors.toList()));
    transactions.executeWrite(status -> {
      Connection connection = status.getConnection();
      execute(connection, "DELETE FROM collections");
      chunks.stream()
          .map(c -> c.chunk().collection())
          .distinct()
          .forEach(name -> insertCollection(connection, name));
      byDocument.values().forEach(document -> insertDocument(connection, json, document.get(0)));
      return null;
    });
    byDocument.forEach((documentId, document) ->
        table.replace(document.get(0).chunk().collection(), documentId, 1, FINGERPRINT, document));
    return context.getBean(PgVectorStore.class);
  }

  private static void execute(Connection connection, String sql) {
    try (var statement = connection.createStatement()) {
      statement.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void insertCollection(Connection connection, String name) {
    try (var insert =
        connection.prepareStatement(
            "INSERT INTO collections (id, name, created_at) VALUES (?, ?, now())")) {
      insert.setObject(1, UUID.randomUUID());
      insert.setString(2, name);
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void insertDocument(Connection connection, JsonMapper json, IndexedChunk first) {
    var chunk = first.chunk();
    try (var insert =
        connection.prepareStatement(
            """
            INSERT INTO documents (id, collection_id, source_id, title, content_hash, size_bytes,
                                   version, status, metadata, chunk_count, created_at, updated_at)
            VALUES (?, (SELECT id FROM collections WHERE name = ?), ?, ?, ?, 1, 1, 'ready', ?, 1,
                    now(), now())\
            """)) {
      insert.setObject(1, UUID.fromString(chunk.documentId()));
      insert.setString(2, chunk.collection());
      insert.setString(3, chunk.sourceId());
      insert.setString(4, chunk.title());
      insert.setString(5, "0".repeat(64));
      insert.setString(6, json.writeValueAsString(chunk.metadata()));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
