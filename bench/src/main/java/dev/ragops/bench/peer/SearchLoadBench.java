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
import java.sql.ResultSet;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Search latency and throughput of ragops in PostgreSQL mode through its HTTP API, query embedding
 * included, against the Postgres-only hybrid peer at the same concurrency, in the same run.
 *
 * <p>Corpus: the dataset's documents uploaded over HTTP (real chunks, embedded by ragops), grown to
 * {@code --chunks} with {@link DerivedCorpus} and indexed again by a restarted server (its Lucene
 * index rebuilt from the database). Each target is driven by {@link ClosedLoop} at each
 * concurrency. The peer's client embeds the query with the same model and settings ({@link
 * DjlEmbedder}, dynamic batching, {@code embedQuery}) in the load generator's process, then runs
 * its one SQL statement over its own connection; ragops embeds inside the server. Both use the same
 * cores.
 *
 * <pre>
 * ./scripts/with-postgres java -cp "bench/target/classes:bench/target/lib/*" \
 *     dev.ragops.bench.peer.SearchLoadBench [--chunks 100000] [--concurrency 1,4,16] [--seconds 15]
 *     [--rounds 2] [--heap 2g] [--dataset ../shared/datasets/cranfield] [--results bench/RESULTS.md]
 *     [--jar server/target/ragops.jar]
 * </pre>
 */
public final class SearchLoadBench {

  private static final String COLLECTION = "load";
  private static final int K = 10;

  public static void main(String[] args) throws Exception {
    Map<String, String> options = options(args);
    int chunks = Integer.parseInt(options.getOrDefault("chunks", "100000"));
    int[] levels =
        Arrays.stream(options.getOrDefault("concurrency", "1,4,16").split(","))
            .mapToInt(Integer::parseInt)
            .toArray();
    double seconds = Double.parseDouble(options.getOrDefault("seconds", "15"));
    double warmup = Math.min(5, seconds / 3);
    int rounds = Integer.parseInt(options.getOrDefault("rounds", "2"));
    String heap = options.getOrDefault("heap", "2g");
    BenchScoring dataset =
        BenchScoring.load(Path.of(options.getOrDefault("dataset", "../shared/datasets/cranfield")));
    List<String> queries = dataset.queries().stream().map(BenchScoring.Query::text).toList();
    var database = TestPostgres.freshDatabase();
    Path jar = Path.of(options.getOrDefault("jar", "server/target/ragops.jar"));

    Path cache = Path.of("bench/.cache/ragops-rows-" + dataset.name());
    String realFrom;
    long started = System.nanoTime();
    try (var server =
        RagopsServer.start(
            jar, database, Files.createTempDirectory("ragops-load"), heap, Map.of())) {
      var http = new RagopsHttp(server.uri());
      http.createCollection(COLLECTION);
      try (Connection connection = connect(database)) {
        if (ChunkCache.exists(cache)) {
          ChunkCache.load(connection, COLLECTION, cache);
          realFrom = "loaded from " + cache + ", as ragops ingested and embedded them earlier";
        } else {
          for (var document : dataset.documents()) {
            http.uploadText(COLLECTION, document.id(), document.content());
          }
          http.awaitIndexed(COLLECTION, dataset.documents().size());
          ChunkCache.save(connection, COLLECTION, cache);
          realFrom =
              String.format(
                  Locale.ROOT,
                  "uploaded over HTTP and embedded by ragops in %.0f s",
                  (System.nanoTime() - started) / 1e9);
        }
      }
    }
    DerivedCorpus.Timings timings;
    try (Connection connection = connect(database)) {
      timings = DerivedCorpus.grow(connection, COLLECTION, chunks, 42);
    }
    System.err.println("corpus: " + timings);
    long totalChunks = timings.realChunks() + timings.added();

    StringBuilder body = new StringBuilder();
    started = System.nanoTime();
    try (var server =
            RagopsServer.start(
                jar, database, Files.createTempDirectory("ragops-load"), heap, Map.of());
        var embedder = DjlEmbedder.create(EmbedderConfig.defaults(Path.of("bench/.cache/models")));
        Connection setup = connect(database)) {
      double luceneSeconds = (System.nanoTime() - started) / 1e9;
      PostgresHybridPeer.prepare(setup);
      int generation;
      try (ResultSet row =
          setup
              .createStatement()
              .executeQuery(
                  "SELECT active_generation FROM collections WHERE name = '" + COLLECTION + "'")) {
        row.next();
        generation = row.getInt(1);
      }
      String plan;
      try (var peer =
          new PostgresHybridPeer(
              setup,
              PostgresHybridPeer.Matching.ALL_TERMS,
              PeerQualityBench.EF_SEARCH,
              PeerQualityBench.RRF_K)) {
        String text = queries.get(0);
        plan =
            peer.plan(
                COLLECTION,
                generation,
                text,
                embedder.embedQuery(text),
                PeerQualityBench.CANDIDATES,
                K);
      }
      System.err.println("peer plan:\n" + plan);
      String planNote =
          (plan.contains("chunks_embedding") ? "the HNSW index" : "NO HNSW index")
              + " for its vector leg and "
              + (plan.contains("bench_peer_chunks_fts") ? "the GIN index" : "NO GIN index")
              + " for its full-text leg";
      var http = new RagopsHttp(server.uri());
      Map<String, ClosedLoop.ClientFactory> targets = new LinkedHashMap<>();
      for (String mode : List.of("hybrid", "keyword", "vector")) {
        targets.put(
            "ragops " + mode + " (HTTP)",
            () ->
                query ->
                    http.search(
                        COLLECTION, Map.of("query", queries.get(query), "mode", mode, "k", K)));
      }
      targets.put(
          "peer: embed + one SQL statement",
          () -> new PeerClient(connect(database), embedder, generation, queries));
      body.append(
          Results.header(
              "./scripts/with-postgres java -cp \"bench/target/classes:bench/target/lib/*\""
                  + " dev.ragops.bench.peer.SearchLoadBench --chunks "
                  + chunks
                  + " --concurrency "
                  + options.getOrDefault("concurrency", "1,4,16")
                  + " --seconds "
                  + seconds
                  + " --rounds "
                  + rounds));
      body.append(
              String.format(
                  Locale.ROOT,
                  "- Corpus: %d chunks: %d real (the chunks of the %s documents, %s) and %d derived (a real chunk's text, its vector mixed with"
                      + " another's plus noise; COPY %.1f s, INSERT %.1f s, HNSW m=16"
                      + " ef_construction=64 build %.1f s); server restarted, Lucene rebuilt from the"
                      + " database and ready in %.1f s%n",
                  totalChunks,
                  timings.realChunks(),
                  dataset.name(),
                  realFrom,
                  timings.added(),
                  timings.copySeconds(),
                  timings.insertSeconds(),
                  timings.hnswSeconds(),
                  luceneSeconds))
          .append(
              String.format(
                  Locale.ROOT,
                  "- Load: closed loop, %d %s queries in turn, k = %d, default settings (50"
                      + " candidates per leg, RRF k = 60, ef_search 100, query log on); %.0f s"
                      + " warm-up then %.0f s measured per row; %d interleaved rounds, each row the"
                      + " round with the higher QPS; server heap %s%n",
                  queries.size(),
                  dataset.name(),
                  K,
                  warmup,
                  seconds,
                  rounds,
                  heap))
          .append(
              "- Peer: each client thread has its own JDBC connection and embeds the query in the"
                  + " load generator's JVM with the same model and settings as the server"
                  + " (DjlEmbedder, bge-small int8, dynamic batching, `embedQuery`), then runs"
                  + " `PostgresHybridPeer`'s statement (50 candidates per leg, ef_search 100, RRF k ="
                  + " 60); its plan (EXPLAIN) uses "
                  + planNote
                  + ". ragops embeds in the server. Same machine, same cores; ratios compare"
                  + " ragops hybrid with the peer at the same concurrency.\n");
      String loadBefore = loadAverage();
      Map<String, ClosedLoop.Figures> best = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (int concurrency : levels) {
          for (var target : targets.entrySet()) {
            var figures =
                ClosedLoop.run(target.getValue(), queries.size(), concurrency, warmup, seconds);
            System.err.printf(
                Locale.ROOT,
                "round %d: %s, %d clients: %.0f QPS, p50 %.2f ms%n",
                round + 1,
                target.getKey(),
                concurrency,
                figures.qps(),
                figures.latencies().percentileMillis(50));
            best.merge(
                target.getKey() + "@" + concurrency, figures, (a, b) -> a.qps() >= b.qps() ? a : b);
          }
        }
      }
      body.append(
          "- Machine load (1-minute load average, /proc/loadavg) before and after the measurements: "
              + loadBefore
              + " and "
              + loadAverage()
              + " on "
              + Runtime.getRuntime().availableProcessors()
              + " cores; above the core count, other processes (here: other builds) were competing"
              + " for the CPU, so compare rows of this run, not runs\n\n");
      body.append(
          "| target | clients | QPS | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|---|\n");
      Map<String, ClosedLoop.Figures> hybrid = new LinkedHashMap<>();
      for (int concurrency : levels) {
        for (var target : targets.entrySet()) {
          var figures = best.get(target.getKey() + "@" + concurrency);
          var l = figures.latencies();
          String row =
              String.format(
                  Locale.ROOT,
                  "| %s | %d | %.0f | %.2f | %.2f | %.2f |%n",
                  target.getKey(),
                  concurrency,
                  figures.qps(),
                  l.percentileMillis(50),
                  l.percentileMillis(95),
                  l.percentileMillis(99));
          body.append(row);
          if (target.getKey().startsWith("ragops hybrid") || target.getKey().startsWith("peer")) {
            hybrid.put(target.getKey().substring(0, 4) + concurrency, figures);
          }
        }
      }
      body.append(
          "\n| clients | ragops hybrid QPS ÷ peer QPS | ragops p50 ÷ peer p50 | ragops p99 ÷ peer p99"
              + " |\n|---|---|---|---|\n");
      for (int concurrency : levels) {
        var ragops = hybrid.get("rago" + concurrency);
        var peer = hybrid.get("peer" + concurrency);
        body.append(
            String.format(
                Locale.ROOT,
                "| %d | %.2f | %.2f | %.2f |%n",
                concurrency,
                ragops.qps() / peer.qps(),
                ragops.latencies().percentileMillis(50) / peer.latencies().percentileMillis(50),
                ragops.latencies().percentileMillis(99) / peer.latencies().percentileMillis(99)));
      }
    }
    System.out.print(body);
    Results.writeSection(
        Path.of(options.getOrDefault("results", "bench/RESULTS.md")),
        "Search under load, HTTP, against the Postgres-only hybrid peer ("
            + totalChunks
            + " chunks)",
        body.toString());
  }

  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (java.io.IOException notLinux) {
      return "unknown";
    }
  }

  private static Connection connect(TestPostgres.Database database) throws Exception {
    return DriverManager.getConnection(database.url(), database.user(), database.password());
  }

  private static Map<String, String> options(String[] args) {
    Map<String, String> options = new LinkedHashMap<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("expected --option value, got " + args[i]);
      }
      options.put(args[i].substring(2), args[i + 1]);
    }
    return options;
  }

  /** The peer as an application runs it: embed the query, then one SQL statement. */
  private record PeerClient(
      Connection connection,
      DjlEmbedder embedder,
      int generation,
      List<String> queries,
      PostgresHybridPeer peer)
      implements ClosedLoop.Client, AutoCloseable {

    PeerClient(Connection connection, DjlEmbedder embedder, int generation, List<String> queries)
        throws Exception {
      this(
          connection,
          embedder,
          generation,
          queries,
          new PostgresHybridPeer(
              connection,
              PostgresHybridPeer.Matching.ALL_TERMS,
              PeerQualityBench.EF_SEARCH,
              PeerQualityBench.RRF_K));
    }

    @Override
    public void send(int query) throws Exception {
      String text = queries.get(query);
      peer.search(
          COLLECTION, generation, text, embedder.embedQuery(text), PeerQualityBench.CANDIDATES, K);
    }

    @Override
    public void close() throws Exception {
      peer.close();
      connection.close();
    }
  }
}
