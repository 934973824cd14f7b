package dev.ragops.bench.peer;

import com.pgvector.PGvector;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The Postgres-only hybrid search that R2R, LangChain4j's pgvector store and pgvector-java's hybrid
 * example use, as the peer ragops is compared with: one SQL statement runs a pgvector HNSW leg and
 * a full-text leg ranked by {@code ts_rank_cd}, and fuses them with reciprocal rank fusion, {@code
 * Σ 1 / (k + rank)}. It reads ragops's own {@code chunks} table, so both answer from the same
 * chunks and embeddings; the query vector comes from the caller (the same embedder ragops uses).
 *
 * <p>Not thread-safe: one instance per connection.
 */
public final class PostgresHybridPeer implements AutoCloseable {

  /** How the full-text leg turns the query into a {@code tsquery}. */
  public enum Matching {
    /** {@code plainto_tsquery}: every term must occur (what the peers above do). */
    ALL_TERMS("plainto_tsquery('english', ?)"),
    /** The same lexemes joined with OR, so a chunk matching any term is a candidate. */
    ANY_TERM("to_tsquery('english', replace(plainto_tsquery('english', ?)::text, ' & ', ' | '))");

    private final String tsquery;

    Matching(String tsquery) {
      this.tsquery = tsquery;
    }
  }

  /** The GIN index the full-text leg needs; R2R keeps a tsvector column with the same index. */
  static final String FULL_TEXT_INDEX_SQL =
      "CREATE INDEX IF NOT EXISTS bench_peer_chunks_fts ON chunks"
          + " USING gin (to_tsvector('english', text))";

  /**
   * Parameters: collection; vector, generation, vector, candidates; query text, generation,
   * candidates; rrf k, rrf k, k. {@code %s} is the {@code tsquery} expression.
   */
  private static final String HYBRID_SQL =
      """
      WITH scope AS (SELECT id FROM collections WHERE name = ?),
      vector_leg AS (
        SELECT c.id, ROW_NUMBER() OVER (ORDER BY c.embedding <=> ?) AS rank
        FROM chunks c
        WHERE c.collection_id = (SELECT id FROM scope) AND c.generation = ?
        ORDER BY c.embedding <=> ? LIMIT ?),
      keyword_leg AS (
        SELECT c.id, ROW_NUMBER() OVER (ORDER BY ts_rank_cd(to_tsvector('english', c.text), q) DESC,
                                        c.id) AS rank
        FROM chunks c, %s q
        WHERE c.collection_id = (SELECT id FROM scope) AND c.generation = ?
          AND to_tsvector('english', c.text) @@ q
        ORDER BY ts_rank_cd(to_tsvector('english', c.text), q) DESC, c.id LIMIT ?),
      fused AS (
        SELECT COALESCE(v.id, w.id) AS id,
               COALESCE(1.0 / (? + v.rank), 0) + COALESCE(1.0 / (? + w.rank), 0) AS score
        FROM vector_leg v FULL OUTER JOIN keyword_leg w ON v.id = w.id
        ORDER BY score DESC, id LIMIT ?)
      SELECT f.id, d.source_id, f.score
      FROM fused f JOIN chunks c ON c.id = f.id JOIN documents d ON d.id = c.document_id
      ORDER BY f.score DESC, f.id
      """;

  /** One fused hit. */
  public record Hit(String chunkId, String sourceId, double score) {}

  private final PreparedStatement statement;
  private final PreparedStatement explain;
  private final int rrfK;

  /**
   * @param connection used for every search; its session gets ragops's HNSW settings
   * @param efSearch {@code hnsw.ef_search}, as ragops's {@code ragops.pgvector.ef-search}
   * @param rrfK the RRF constant, as ragops's default (60)
   */
  public PostgresHybridPeer(Connection connection, Matching matching, int efSearch, int rrfK)
      throws SQLException {
    if (rrfK < 1) {
      throw new IllegalArgumentException("rrfK must be at least 1, got " + rrfK);
    }
    try (Statement settings = connection.createStatement()) {
      settings.execute("SET hnsw.ef_search = " + efSearch);
      settings.execute("SET hnsw.iterative_scan = relaxed_order");
    }
    this.statement = connection.prepareStatement(HYBRID_SQL.formatted(matching.tsquery));
    this.explain = connection.prepareStatement("EXPLAIN " + HYBRID_SQL.formatted(matching.tsquery));
    this.rrfK = rrfK;
  }

  /** Creates the full-text index if it is missing (once per database, before searching). */
  public static void prepare(Connection connection) throws SQLException {
    try (Statement create = connection.createStatement()) {
      create.execute(FULL_TEXT_INDEX_SQL);
      create.execute("ANALYZE chunks");
    }
  }

  /**
   * The {@code k} best chunks of the collection's {@code generation}.
   *
   * @param candidates chunks each leg contributes before fusion (ragops: max(k, candidates))
   */
  public List<Hit> search(
      String collection, int generation, String text, float[] vector, int candidates, int k)
      throws SQLException {
    bind(statement, collection, generation, text, vector, candidates, k);
    List<Hit> hits = new ArrayList<>(k);
    try (ResultSet rows = statement.executeQuery()) {
      while (rows.next()) {
        hits.add(new Hit(rows.getString(1), rows.getString(2), rows.getDouble(3)));
      }
    }
    return hits;
  }

  /** PostgreSQL's plan for a search, one line per row, to check that both legs use an index. */
  public String plan(
      String collection, int generation, String text, float[] vector, int candidates, int k)
      throws SQLException {
    bind(explain, collection, generation, text, vector, candidates, k);
    StringBuilder plan = new StringBuilder();
    try (ResultSet rows = explain.executeQuery()) {
      while (rows.next()) {
        plan.append(rows.getString(1)).append('\n');
      }
    }
    return plan.toString();
  }

  private void bind(
      PreparedStatement target,
      String collection,
      int generation,
      String text,
      float[] vector,
      int candidates,
      int k)
      throws SQLException {
    var query = new PGvector(vector);
    int p = 1;
    target.setString(p++, collection);
    target.setObject(p++, query);
    target.setInt(p++, generation);
    target.setObject(p++, query);
    target.setInt(p++, candidates);
    target.setString(p++, text);
    target.setInt(p++, generation);
    target.setInt(p++, candidates);
    target.setInt(p++, rrfK);
    target.setInt(p++, rrfK);
    target.setInt(p, k);
  }

  @Override
  public void close() throws SQLException {
    statement.close();
    explain.close();
  }
}
