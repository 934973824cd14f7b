package dev.ragops.bench.peer;

import com.pgvector.PGvector;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.postgresql.PGConnection;

/**
 * Grows a collection that ragops ingested from real documents to {@code size} chunks, directly in
 * PostgreSQL: each added chunk carries the text of a real chunk (so BM25 has real text) and a noisy
 * mixture of that chunk's vector and another real one (so HNSW sees a realistic, not uniform,
 * distribution). One document per added chunk. The vectors go in with {@code COPY … FORMAT BINARY}
 * to a staging table; the HNSW index is dropped first and built again after, with its own
 * definition, as pgvector recommends for bulk loads.
 */
public final class DerivedCorpus {

  /** Seconds each step took, for the build-rate evidence in RESULTS.md. */
  record Timings(
      int realChunks, int added, double copySeconds, double insertSeconds, double hnswSeconds) {}

  private static final String REAL_SQL =
      "SELECT c.embedding::text FROM chunks c"
          + " WHERE c.collection_id = (SELECT id FROM collections WHERE name = ?) ORDER BY c.id";

  private static final String INSERT_DOCUMENTS_SQL =
      """
      INSERT INTO documents (id, collection_id, source_id, title, content_type, content_hash,
                             size_bytes, version, status, metadata, chunk_count, created_at,
                             updated_at)
      SELECT md5('bench-document-' || g.g)::uuid, k.id, 'derived-' || g.g, NULL, 'text/plain',
             md5('bench-document-' || g.g) || md5('bench-document-' || g.g), length(r.text), 1,
             'ready', '{}', 1, now(), now()
      FROM bench_derived g JOIN bench_real r ON r.i = g.parent
      CROSS JOIN (SELECT id FROM collections WHERE name = '%1$s') k
      """;

  private static final String INSERT_CHUNKS_SQL =
      """
      INSERT INTO chunks (id, document_id, collection_id, ordinal, text, start_offset, end_offset,
                          heading_path, page, document_version, generation, parser_version,
                          chunker_hash, model_id, dimension, indexed_at, embedding)
      SELECT md5('bench-chunk-' || g.g)::uuid, md5('bench-document-' || g.g)::uuid, k.id, 0, r.text,
             0, length(r.text), '', 0, 1, r.generation, r.parser_version, r.chunker_hash,
             r.model_id, r.dimension, now(), g.embedding
      FROM bench_derived g JOIN bench_real r ON r.i = g.parent
      CROSS JOIN (SELECT id FROM collections WHERE name = '%1$s') k
      """;

  private DerivedCorpus() {}

  static Timings grow(Connection connection, String collection, int size, long seed)
      throws SQLException, IOException {
    List<float[]> real = new ArrayList<>();
    try (var select = connection.prepareStatement(REAL_SQL)) {
      select.setString(1, collection);
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          real.add(new PGvector(rows.getString(1)).toArray());
        }
      }
    }
    int added = Math.max(0, size - real.size());
    String indexDefinition;
    try (Statement sql = connection.createStatement()) {
      sql.execute(
          "CREATE TABLE bench_real AS SELECT (row_number() OVER (ORDER BY c.id) - 1)::int AS i,"
              + " c.text, c.generation, c.parser_version, c.chunker_hash, c.model_id, c.dimension"
              + " FROM chunks c WHERE c.collection_id = (SELECT id FROM collections WHERE name = '"
              + collection.replace("'", "''")
              + "')");
      sql.execute(
          "CREATE TABLE bench_derived (g int PRIMARY KEY, parent int NOT NULL,"
              + " embedding vector(384) NOT NULL)");
      try (ResultSet row =
          sql.executeQuery(
              "SELECT indexdef FROM pg_indexes WHERE indexname = 'chunks_embedding'")) {
        row.next();
        indexDefinition = row.getString(1);
      }
    }
    long started = System.nanoTime();
    copy(connection, real, added, seed);
    double copySeconds = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    String name = collection.replace("'", "''");
    try (Statement sql = connection.createStatement()) {
      sql.execute("DROP INDEX chunks_embedding");
      sql.execute(INSERT_DOCUMENTS_SQL.formatted(name));
      sql.execute(INSERT_CHUNKS_SQL.formatted(name));
    }
    double insertSeconds = (System.nanoTime() - started) / 1e9;
    started = System.nanoTime();
    try (Statement sql = connection.createStatement()) {
      sql.execute("SET maintenance_work_mem = '2GB'");
      sql.execute(indexDefinition);
      sql.execute("DROP TABLE bench_derived");
      sql.execute("DROP TABLE bench_real");
      sql.execute("VACUUM ANALYZE chunks");
      sql.execute("VACUUM ANALYZE documents");
    }
    double hnswSeconds = (System.nanoTime() - started) / 1e9;
    return new Timings(real.size(), added, copySeconds, insertSeconds, hnswSeconds);
  }

  /** COPY BINARY rows (g, parent, embedding), in batches of 10,000. */
  private static void copy(Connection connection, List<float[]> real, int added, long seed)
      throws SQLException, IOException {
    var copy = connection.unwrap(PGConnection.class).getCopyAPI();
    var random = new Random(seed);
    int dimension = real.get(0).length;
    for (int from = 0; from < added; from += 10_000) {
      var bytes = new ByteArrayOutputStream();
      var out = new DataOutputStream(bytes);
      out.writeBytes("PGCOPY\n");
      out.write(new byte[] {(byte) 0xff, '\r', '\n', 0});
      out.writeInt(0);
      out.writeInt(0);
      for (int g = from; g < Math.min(added, from + 10_000); g++) {
        int a = random.nextInt(real.size());
        float[] mixed = mixture(real.get(a), real.get(random.nextInt(real.size())), random);
        out.writeShort(3);
        out.writeInt(4);
        out.writeInt(g);
        out.writeInt(4);
        out.writeInt(a);
        out.writeInt(4 + 4 * dimension);
        out.writeShort(dimension);
        out.writeShort(0);
        for (float value : mixed) {
          out.writeFloat(value);
        }
      }
      out.writeShort(-1);
      out.flush();
      copy.copyIn(
          "COPY bench_derived (g, parent, embedding) FROM STDIN WITH (FORMAT BINARY)",
          new java.io.ByteArrayInputStream(bytes.toByteArray()));
    }
  }

  /** A unit vector near the weighted mean of {@code a} and {@code b}, with Gaussian noise. */
  public static float[] mixture(float[] a, float[] b, Random random) {
    double weight = 0.3 + 0.4 * random.nextDouble();
    float[] mixed = new float[a.length];
    double norm = 0;
    for (int d = 0; d < a.length; d++) {
      mixed[d] = (float) (weight * a[d] + (1 - weight) * b[d] + 0.02 * random.nextGaussian());
      norm += mixed[d] * mixed[d];
    }
    float scale = (float) (1 / Math.sqrt(norm));
    for (int d = 0; d < a.length; d++) {
      mixed[d] *= scale;
    }
    return mixed;
  }
}
