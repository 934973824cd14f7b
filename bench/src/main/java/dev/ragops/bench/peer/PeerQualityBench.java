package dev.ragops.bench.peer;

import dev.ragops.bench.Results;
import dev.ragops.embedder.DjlEmbedder;
import dev.ragops.embedder.EmbedderConfig;
import dev.ragops.eval.BenchScoring;
import dev.ragops.testkit.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Quality of ragops against the Postgres-only hybrid peer on a BEIR dataset (Cranfield by default),
 * on the same chunks and embeddings: ragops (PostgreSQL mode) ingests the corpus over HTTP, and the
 * peer's one SQL statement then reads the very rows ragops wrote. Queries are embedded by the same
 * model, through the same {@code embedQuery}. Every run is scored by rag-eval's trec_eval-exact
 * metrics ({@link BenchScoring}), as {@code ragops eval} scores it.
 *
 * <pre>
 * ./scripts/with-postgres java -cp "bench/target/classes:bench/target/lib/*" \
 *     dev.ragops.bench.peer.PeerQualityBench [--dataset ../shared/datasets/cranfield]
 * </pre>
 */
public final class PeerQualityBench {

  static final String COLLECTION = "quality";

  /** ragops's default {@code ragops.search.candidates} and {@code ragops.pgvector.ef-search}. */
  static final int CANDIDATES = 50;

  static final int EF_SEARCH = 100;
  static final int RRF_K = 60;

  public static void main(String[] args) throws Exception {
    Path datasetDir =
        Path.of(
            args.length == 2 && args[0].equals("--dataset")
                ? args[1]
                : "../shared/datasets/cranfield");
    BenchScoring dataset = BenchScoring.load(datasetDir);
    var database = TestPostgres.freshDatabase();
    Path dataDir = Files.createTempDirectory("ragops-peer-quality");
    Map<String, Map<String, List<BenchScoring.Hit>>> runs = new LinkedHashMap<>();
    long ingestStarted = System.nanoTime();
    int failed;
    try (var server =
        RagopsServer.start(
            Path.of("server/target/ragops.jar"), database, dataDir, "2g", Map.of())) {
      var http = new RagopsHttp(server.uri());
      http.createCollection(COLLECTION);
      List<BenchScoring.Document> documents = dataset.documents();
      upload(http, documents);
      failed = http.awaitIndexed(COLLECTION, documents.size());
      Path cache = Path.of("bench/.cache/ragops-rows-" + dataset.name());
      if (!ChunkCache.exists(cache)) {
        try (Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password())) {
          ChunkCache.save(connection, COLLECTION, cache);
        }
      }
      System.err.printf(
          "indexed %d documents (%d failed) in %.0f s%n",
          documents.size(), failed, (System.nanoTime() - ingestStarted) / 1e9);
      int k = BenchScoring.CHUNKS_PER_QUERY;
      runs.put(
          "ragops keyword (Lucene BM25)", ragops(http, dataset, Map.of("mode", "keyword", "k", k)));
      runs.put(
          "ragops vector (pgvector HNSW)", ragops(http, dataset, Map.of("mode", "vector", "k", k)));
      runs.put(
          "ragops hybrid, RRF (k = 60)", ragops(http, dataset, Map.of("mode", "hybrid", "k", k)));
      runs.put(
          "ragops hybrid, weighted (min-max, 0.5/0.5)",
          ragops(http, dataset, Map.of("mode", "hybrid", "fusion", "weighted", "k", k)));
    }
    try (var embedder =
            DjlEmbedder.create(EmbedderConfig.defaults(Path.of("bench/.cache/models")));
        Connection connection =
            DriverManager.getConnection(database.url(), database.user(), database.password())) {
      PostgresHybridPeer.prepare(connection);
      List<float[]> vectors =
          dataset.queries().stream().map(q -> embedder.embedQuery(q.text())).toList();
      for (var matching : PostgresHybridPeer.Matching.values()) {
        try (var peer =
            new PostgresHybridPeer(
                connection, matching, Math.max(EF_SEARCH, BenchScoring.CHUNKS_PER_QUERY), RRF_K)) {
          Map<String, List<BenchScoring.Hit>> run = new LinkedHashMap<>();
          for (int i = 0; i < dataset.queries().size(); i++) {
            var query = dataset.queries().get(i);
            int k = BenchScoring.CHUNKS_PER_QUERY;
            run.put(
                query.id(),
                peer
                    .search(COLLECTION, 1, query.text(), vectors.get(i), Math.max(k, CANDIDATES), k)
                    .stream()
                    .map(h -> new BenchScoring.Hit(h.sourceId(), h.score()))
                    .toList());
          }
          runs.put(
              matching == PostgresHybridPeer.Matching.ALL_TERMS
                  ? "peer: pgvector + ts_rank_cd, RRF (plainto_tsquery: all terms)"
                  : "peer, terms OR-ed (any term)",
              run);
        }
      }
    }
    write(dataset, runs, failed);
  }

  private static void upload(RagopsHttp http, List<BenchScoring.Document> documents)
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      List<Future<?>> uploads = new ArrayList<>();
      for (var document : documents) {
        uploads.add(
            pool.submit(() -> {
              http.uploadText(COLLECTION, document.id(), document.content());
              return null;
            }));
      }
      for (Future<?> upload : uploads) {
        upload.get();
      }
    } finally {
      pool.shutdown();
    }
  }

  private static Map<String, List<BenchScoring.Hit>> ragops(
      RagopsHttp http, BenchScoring dataset, Map<String, Object> options) throws Exception {
    Map<String, List<BenchScoring.Hit>> run = new LinkedHashMap<>();
    for (var query : dataset.queries()) {
      Map<String, Object> request = new LinkedHashMap<>(options);
      request.put("query", query.text());
      run.put(
          query.id(),
          http.search(COLLECTION, request).stream()
              .map(h -> new BenchScoring.Hit(h.sourceId(), h.score()))
              .toList());
    }
    return run;
  }

  private static void write(
      BenchScoring dataset, Map<String, Map<String, List<BenchScoring.Hit>>> runs, int failed) {
    Map<String, Map<String, Double>> scores = new LinkedHashMap<>();
    runs.forEach((name, run) -> scores.put(name, dataset.score(run)));
    Map<String, Double> peer = scores.values().stream().skip(4).findFirst().orElseThrow();
    StringBuilder body = new StringBuilder();
    body.append(
        Results.header(
            "./scripts/with-postgres java -cp \"bench/target/classes:bench/target/lib/*\""
                + " dev.ragops.bench.peer.PeerQualityBench"));
    body.append(
            String.format(
                Locale.ROOT,
                "- Data: %s, %d documents uploaded over HTTP to ragops in PostgreSQL mode (%d failed),"
                    + " %d queries, %d with relevance judgements (averaged)%n",
                dataset.name(),
                dataset.documents().size(),
                failed,
                dataset.queries().size(),
                dataset.judgedQueries()))
        .append(
            "- Same chunks and vectors: the peer's SQL reads the `chunks` rows ragops wrote (256-token"
                + " chunks, bge-small-en-v1.5 int8); its query vectors come from the same model's"
                + " `embedQuery`. Both ask for 300 chunks, collapsed to documents by first occurrence"
                + " and cut at 100 (as `ragops eval`); each leg contributes max(300, 50) candidates;"
                + " hnsw.ef_search = 300 for the peer, ragops raises its 100 to k the same way.\n")
        .append(
            "- Peer: one statement, pgvector cosine HNSW leg + `to_tsvector('english', text) @@"
                + " plainto_tsquery('english', q)` ranked by `ts_rank_cd` (GIN expression index), fused"
                + " by RRF k = 60 (see `PostgresHybridPeer`). The OR-ed row is the peer made kinder:"
                + " a chunk matching any query term is a keyword candidate.\n")
        .append(
            "- Metrics: rag-eval's trec_eval definitions (`BenchScoring`); ratio = the row's value ÷"
                + " the peer's.\n\n");
    body.append(
        "| run | nDCG@10 | recall@100 | MRR@10 | MAP | nDCG@10 ÷ peer | recall@100 ÷ peer |\n");
    body.append("|---|---|---|---|---|---|---|\n");
    scores.forEach((name, s) ->
        body.append(
            String.format(
                Locale.ROOT,
                "| %s | %.4f | %.4f | %.4f | %.4f | %.3f | %.3f |%n",
                name,
                s.get("ndcg@10"),
                s.get("recall@100"),
                s.get("mrr@10"),
                s.get("map"),
                s.get("ndcg@10") / peer.get("ndcg@10"),
                s.get("recall@100") / peer.get("recall@100"))));
    System.out.print(body);
    Results.writeSection(
        Path.of("bench/RESULTS.md"),
        "Quality against the Postgres-only hybrid peer (Cranfield)",
        body.toString());
  }
}
