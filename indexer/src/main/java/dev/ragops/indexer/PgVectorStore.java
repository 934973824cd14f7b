package dev.ragops.indexer;

import com.pgvector.PGvector;
import dev.ragops.model.RetriableException;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.VectorStore;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import javax.sql.DataSource;

/**
 * Vector search in PostgreSQL with pgvector's HNSW index (cosine distance), over {@code vector} or
 * {@code halfvec} storage ({@link PgVectorIndexOptions}). Each query sets {@code hnsw.ef_search}
 * for its own transaction. Filtering by collection and metadata uses pgvector 0.8's iterative index
 * scans, so a small collection inside a large table still gets {@code k} results.
 */
@Singleton
@Requires(property = "ragops.vector-store", value = "pgvector")
public class PgVectorStore implements VectorStore {

  /**
   * The inner query walks the HNSW index in distance order, keeping rows of the scope; {@code %1$s}
   * is the column's type ({@code vector} or {@code halfvec}, so the index applies) and {@code %2$s}
   * the metadata condition. The outer query fetches the hits' fields.
   */
  private static final String NEAREST_SQL =
      "SELECT "
          + ChunkRowReader.CHUNK_COLUMNS
          + ", n.score FROM (SELECT c.id, 1 - (c.embedding <=> ?::%1$s) AS score FROM chunks c"
          + " JOIN documents d ON d.id = c.document_id"
          + " WHERE c.collection_id = (SELECT id FROM collections WHERE name = ?)"
          + " AND c.generation = ? AND (%2$s)"
          + " ORDER BY c.embedding <=> ?::%1$s LIMIT ?) n JOIN "
          + ChunkRowReader.CHUNK_JOINS
          + " ON TRUE WHERE c.id = n.id ORDER BY n.score DESC, c.id";

  private final DataSource dataSource;
  private final ChunkRowReader rows;
  private final int efSearch;
  private final String storage;
  private final String iterativeScan;

  PgVectorStore(
      DataSource dataSource,
      ChunkRowReader rows,
      PgVectorIndexOptions options,
      @Value("${ragops.pgvector.ef-search:100}") int efSearch,
      @Value("${ragops.pgvector.iterative-scan:relaxed_order}") String iterativeScan) {
    if (efSearch < 1 || efSearch > 1000) {
      throw new IllegalArgumentException(
          "ragops.pgvector.ef-search must be in 1..1000, got " + efSearch);
    }
    this.dataSource = dataSource;
    this.rows = rows;
    if (!List.of("relaxed_order", "strict_order", "off").contains(iterativeScan)) {
      throw new IllegalArgumentException(
          "ragops.pgvector.iterative-scan must be relaxed_order, strict_order or off, got '"
              + iterativeScan
              + "'");
    }
    this.efSearch = efSearch;
    this.storage = options.storage();
    this.iterativeScan = iterativeScan;
  }

  @Override
  @Transactional
  public List<ScoredChunk> nearest(SearchScope scope, float[] vector, int k) {
    try {
      Connection connection = dataSource.getConnection();
      try (Statement settings = connection.createStatement()) {
        settings.execute("SET LOCAL hnsw.ef_search = " + Math.max(efSearch, k));
        settings.execute("SET LOCAL hnsw.iterative_scan = " + iterativeScan);
      }
      var query = new PGvector(vector);
      var filter = SqlFilter.of(scope.filter());
      try (PreparedStatement nearest =
          connection.prepareStatement(NEAREST_SQL.formatted(storage, filter.sql()))) {
        int parameter = 1;
        nearest.setObject(parameter++, query);
        nearest.setString(parameter++, scope.collection());
        nearest.setInt(parameter++, scope.generation());
        for (Object value : filter.parameters()) {
          nearest.setObject(parameter++, value);
        }
        nearest.setObject(parameter++, query);
        nearest.setInt(parameter, k);
        List<ScoredChunk> hits = new ArrayList<>(k);
        try (ResultSet result = nearest.executeQuery()) {
          while (result.next()) {
            hits.add(new ScoredChunk(rows.read(result), result.getDouble("score")));
          }
        }
        return hits;
      }
    } catch (SQLException e) {
      throw new RetriableException("vector search in PostgreSQL failed", e);
    }
  }
}
