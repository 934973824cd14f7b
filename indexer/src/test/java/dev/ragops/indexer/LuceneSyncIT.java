package dev.ragops.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.model.Chunk;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.testkit.Fixtures;
import dev.ragops.testkit.TestPostgres;
import dev.ragops.testkit.TestSeed;
import io.micronaut.context.ApplicationContext;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The database → Lucene sync against a real PostgreSQL: concurrent writers whose transactions
 * commit out of sequence order lose no change, restarts resume from the committed position, and a
 * corrupt index is rebuilt from the database.
 */
class LuceneSyncIT {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  private static final String COLLECTION = "sync";
  private static final Fingerprint FINGERPRINT = new Fingerprint("test", "test", "test", 384);

  private TestPostgres.Database database;
  private Path dataDir;
  private ApplicationContext context;

  @BeforeEach
  void setUp() throws IOException {
    database = TestPostgres.freshDatabase();
    dataDir = Files.createTempDirectory("ragops-sync");
    context = start();
    transactions()
        .executeWrite(status -> {
          try (var insert =
              status
                  .getConnection()
                  .prepareStatement(
                      "INSERT INTO collections (id, name, created_at) VALUES (?, ?, now())")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, COLLECTION);
            insert.executeUpdate();
          }
          return null;
        });
  }

  @AfterEach
  void tearDown() {
    if (context != null) {
      context.close();
    }
  }

  private ApplicationContext start() {
    Map<String, Object> properties =
        new HashMap<>(database.micronautProperties("classpath:db/migration/postgres"));
    properties.put("ragops.data-dir", dataDir.toString());
    properties.put("ragops.vector-store", "pgvector");
    properties.put("ragops.sync.interval", "50ms");
    properties.put("ragops.sync.commit-interval", "0s");
    return ApplicationContext.run(properties);
  }

  @SuppressWarnings("unchecked")
  private TransactionOperations<Connection> transactions() {
    return context.getBean(TransactionOperations.class);
  }

  @Test
  void concurrentWritersCommittingOutOfOrderLoseNoChange() throws Exception {
    var random = new Random(SEED.value());
    int writers = 4;
    int perWriter = 25;
    var table = context.getBean(ChunkTable.class);
    var commitOrder = Collections.synchronizedList(new ArrayList<Long>());
    List<Future<?>> done = new ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(writers)) {
      for (int w = 0; w < writers; w++) {
        long writerSeed = random.nextLong();
        int writer = w;
        done.add(
            pool.submit(() -> {
              var delays = new Random(writerSeed);
              for (int i = 0; i < perWriter; i++) {
                int number = writer * perWriter + i;
                long seq =
                    transactions()
                        .executeWrite(status -> {
                          String documentId = insertDocument(status.getConnection(), number);
                          long written =
                              table.replace(
                                  COLLECTION,
                                  documentId,
                                  1,
                                  FINGERPRINT,
                                  chunks(documentId, number));
                          sleep(delays.nextInt(40));
                          return written;
                        });
                commitOrder.add(seq);
              }
            }));
      }
      for (Future<?> future : done) {
        future.get();
      }
    }
    int documents = writers * perWriter;

    assertThat(commitOrder)
        .as("commits happened out of sequence order")
        .isNotEqualTo(commitOrder.stream().sorted().toList());
    var lucene = context.getBean(LuceneIndex.class);
    awaitCount(lucene, documents * 2L);
    for (int number = 0; number < documents; number++) {
      assertThat(lucene.keyword(SearchScope.of(COLLECTION), "marker" + number, 10))
          .as("chunks of document %d", number)
          .hasSize(2);
    }
    var sync = context.getBean(LuceneSync.class);
    assertThat(sync.catchUp()).isEqualTo(table.lastSeq());
    assertThat(lucene.committedUserData())
        .containsEntry(LuceneSync.POSITION, Long.toString(table.lastSeq()));
  }

  @Test
  void restartResumesFromTheCommittedPositionAndACorruptIndexIsRebuilt() throws Exception {
    var table = context.getBean(ChunkTable.class);
    writeDocuments(table, 0, 10);
    awaitCount(context.getBean(LuceneIndex.class), 20);
    context.close();

    context = start();
    table = context.getBean(ChunkTable.class);
    var lucene = context.getBean(LuceneIndex.class);
    assertThat(lucene.count(COLLECTION)).isEqualTo(20);
    writeDocuments(table, 10, 5);
    awaitCount(lucene, 30);
    context.close();

    try (Stream<Path> files = Files.list(dataDir.resolve("lucene"))) {
      for (Path file :
          files.filter(f -> f.getFileName().toString().startsWith("segments")).toList()) {
        Files.write(file, new byte[] {1, 2, 3, 4});
      }
    }
    context = start();
    lucene = context.getBean(LuceneIndex.class);
    awaitCount(lucene, 30);
    assertThat(lucene.keyword(SearchScope.of(COLLECTION), "marker12", 10)).hasSize(2);
  }

  private void writeDocuments(ChunkTable table, int from, int count) {
    for (int number = from; number < from + count; number++) {
      int n = number;
      transactions()
          .executeWrite(status -> {
            String documentId = insertDocument(status.getConnection(), n);
            return table.replace(COLLECTION, documentId, 1, FINGERPRINT, chunks(documentId, n));
          });
    }
  }

  private static void awaitCount(LuceneIndex lucene, long expected) {
    long deadline = System.nanoTime() + 30_000_000_000L;
    while (lucene.count(COLLECTION) != expected && System.nanoTime() < deadline) {
      sleep(50);
    }
    assertThat(lucene.count(COLLECTION)).isEqualTo(expected);
  }

  private static String insertDocument(Connection connection, int number) {
    String id = UUID.randomUUID().toString();
    try (var insert =
        connection.prepareStatement(
            """
            INSERT INTO documents (id, collection_id, source_id, content_hash, size_bytes, version,
                                   status, metadata, chunk_count, created_at, updated_at)
            VALUES (?, (SELECT id FROM collections WHERE name = ?), ?, ?, 1, 1, 'ready', '{}', 2,
                    now(), now())\
            """)) {
      insert.setObject(1, UUID.fromString(id));
      insert.setString(2, COLLECTION);
      insert.setString(3, "doc-" + number);
      insert.setString(4, "0".repeat(64));
      insert.executeUpdate();
      return id;
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<IndexedChunk> chunks(String documentId, int number) {
    List<IndexedChunk> chunks = new ArrayList<>();
    for (int ordinal = 0; ordinal < 2; ordinal++) {
      String text = "Passage " + ordinal + " of document marker" + number + ".";
      chunks.add(
          new IndexedChunk(
              new Chunk(
                  UUID.randomUUID().toString(),
                  documentId,
                  COLLECTION,
                  "doc-" + number,
                  "",
                  ordinal,
                  text,
                  0,
                  text.length(),
                  Map.of()),
              Fixtures.vectorFor(text, 7)));
    }
    return chunks;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
