package dev.ragops.bench.vector;

import dev.ragops.bench.Latencies;
import dev.ragops.bench.Results;
import dev.ragops.bench.peer.DerivedCorpus;
import dev.ragops.indexer.LuceneIndex;
import dev.ragops.model.Chunk;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.testkit.TestPostgres;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.FSDirectory;
import org.postgresql.PGConnection;

/**
 * The two legs side by side on the same vectors and queries: Lucene HNSW (embedded mode) and
 * pgvector HNSW (PostgreSQL mode), and the keyword leg's overhead over a bare Lucene {@code
 * IndexSearcher}.
 *
 * <p>Vectors: the 1,400 real Cranfield embeddings, plus noisy mixtures of two real vectors up to
 * {@code --vectors} (default 100,000); the texts of the mixtures are their first parent's, so the
 * BM25 leg sees real text. Queries: the 225 real Cranfield queries. Recall@10 is measured against
 * exact (brute-force) search over the same vectors.
 *
 * <pre>./scripts/with-postgres java -cp "bench/target/classes:bench/target/lib/*" \
 *     dev.ragops.bench.vector.VectorLegBench [--vectors N] [--ef-construction N] [--pgvector-only]
 * </pre>
 */
public final class VectorLegBench {

  private static final int K = 10;
  private static final String COLLECTION = "bench";
  private static final int THREADS = 2;
  private static final int ROUNDS = 4;

  public static void main(String[] args) throws Exception {
    var options = new java.util.ArrayList<>(List.of(args));
    int count = Integer.parseInt(option(options, "--vectors", "100000"));
    int efConstruction = Integer.parseInt(option(options, "--ef-construction", "64"));
    boolean luceneToo = !options.remove("--pgvector-only");
    if (!options.isEmpty()) {
      throw new IllegalArgumentException(
          "usage: VectorLegBench [--vectors N] [--ef-construction N] [--pgvector-only], got "
              + options);
    }
    var data =
        CranfieldVectors.load(Path.of("../shared/datasets/cranfield"), Path.of("bench/.cache"));
    var random = new Random(42);
    List<float[]> vectors = new ArrayList<>(data.documents());
    List<String> texts = new ArrayList<>(data.documentTexts());
    while (vectors.size() < count) {
      int a = random.nextInt(data.documents().size());
      int b = random.nextInt(data.documents().size());
      vectors.add(DerivedCorpus.mixture(data.documents().get(a), data.documents().get(b), random));
      texts.add(data.documentTexts().get(a));
    }
    System.err.printf("%d vectors, %d queries%n", vectors.size(), data.queries().size());
    List<Set<Integer>> exact = exactTopK(vectors, data.queries());

    StringBuilder table = new StringBuilder();
    table.append(
        Results.header(
            "./scripts/with-postgres java -cp \"bench/target/classes:bench/target/lib/*\""
                + " dev.ragops.bench.vector.VectorLegBench "
                + String.join(" ", args)));
    table
        .append("- Data: ")
        .append(count)
        .append(" × 384 vectors (1,400 real Cranfield embeddings, the rest noisy mixtures of two),")
        .append(" 225 real queries, k = 10, recall against exact search; QPS with ")
        .append(THREADS)
        .append(" client threads\n")
        .append(
            luceneToo
                ? "- Builds: Lucene through the service's `LuceneIndex.replaceAll` (its writer"
                    + " settings, no force-merge: {segments} segments); pgvector"
                : "- Builds: pgvector only (no Lucene in this run):")
        .append(" `COPY … FORMAT BINARY`, then `CREATE INDEX … hnsw` (m = 16, ef_construction = ")
        .append(efConstruction)
        .append(
            ", maintenance_work_mem holding the whole graph, 1 parallel worker); shared_buffers ")
        .append("{sharedBuffers}\n")
        .append("- `load`: the 1-minute load average after the row; above 2, other processes")
        .append(
            " competed for the 2 cores, so compare rows of one run at similar load, not runs\n\n");
    table.append(
        "| store | build | recall@10 | p50 ms | p99 ms | QPS | load |\n|---|---|---|---|---|---|---|\n");

    StringBuilder keywordTable = new StringBuilder();
    Path directory = Files.createTempDirectory("ragops-bench-lucene");
    if (luceneToo) {
      try (var lucene = new LuceneIndex(directory, true, 384)) {
        long started = System.nanoTime();
        lucene.replaceAll(sink -> feed(sink, vectors, texts), Map.of());
        double buildSeconds = (System.nanoTime() - started) / 1e9;
        lucene.commit(Map.of());
        try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
          replace(table, "{segments}", String.valueOf(reader.leaves().size()));
        }
        var scope = SearchScope.of(COLLECTION);
        for (int efSearch : new int[] {40, 100}) {
          lucene.setEfSearch(efSearch);
          row(
              table,
              "Lucene HNSW (M=16, beam 100, ef_search=" + efSearch + ")",
              buildSeconds,
              data.queries(),
              exact,
              query -> ids(lucene.nearest(scope, query, K)));
        }
        keywordOverhead(keywordTable, lucene, directory, data.queryTexts());
      }
    }

    var database = TestPostgres.freshDatabase();
    try (Connection load =
        DriverManager.getConnection(database.url(), database.user(), database.password())) {
      try (var statement = load.createStatement()) {
        try (var shown = statement.executeQuery("SHOW shared_buffers")) {
          shown.next();
          replace(table, "{sharedBuffers}", shown.getString(1));
        }
        statement.execute("CREATE EXTENSION IF NOT EXISTS vector");
        statement.execute(
            "CREATE TABLE items (id int PRIMARY KEY, collection_id int NOT NULL,"
                + " generation int NOT NULL, embedding vector(384))");
      }
      long started = System.nanoTime();
      copyBinary(load, vectors);
      try (var statement = load.createStatement()) {
        // the whole graph in memory (pgvector slows down sharply once it spills), both cores
        statement.execute("SET maintenance_work_mem = '" + (count / 250_000 + 1) + "GB'");
        statement.execute("SET max_parallel_maintenance_workers = 1");
        statement.execute(
            "CREATE INDEX ON items USING hnsw (embedding vector_cosine_ops)"
                + " WITH (m = 16, ef_construction = "
                + efConstruction
                + ")");
        statement.execute("ANALYZE items");
      }
      double buildSeconds = (System.nanoTime() - started) / 1e9;
      for (int efSearch : new int[] {40, 100, 200, 400}) {
        var connections = ThreadLocal.withInitial(() -> connect(database, efSearch));
        row(
            table,
            "pgvector HNSW (m=16, ef_construction="
                + efConstruction
                + ", ef_search="
                + efSearch
                + ")",
            buildSeconds,
            data.queries(),
            exact,
            query -> pgNearest(connections.get(), PLAIN_SQL, query));
      }
      var scoped = ThreadLocal.withInitial(() -> connect(database, 100));
      row(
          table,
          "pgvector HNSW (m=16, ef_construction="
              + efConstruction
              + ", ef_search=100), the service's query shape: WHERE collection"
              + " and generation, iterative scan relaxed_order",
          buildSeconds,
          data.queries(),
          exact,
          query -> pgNearest(scoped.get(), SCOPED_SQL, query));
    }
    table.append(keywordTable);
    System.out.println(table);
    Results.writeSection(
        Path.of("bench/RESULTS.md"),
        luceneToo
            ? "Vector and keyword legs"
            : "Vector leg: pgvector with ef_construction " + efConstruction,
        table.toString());
  }

  /** Removes {@code name} and its value from {@code options}, returning the value. */
  private static String option(List<String> options, String name, String otherwise) {
    int at = options.indexOf(name);
    if (at < 0) {
      return otherwise;
    }
    if (at + 1 >= options.size()) {
      throw new IllegalArgumentException(name + " needs a value");
    }
    options.remove(at);
    return options.remove(at);
  }

  private static void replace(StringBuilder text, String token, String value) {
    int at = text.indexOf(token);
    text.replace(at, at + token.length(), value);
  }

  private static void feed(
      java.util.function.Consumer<List<IndexedChunk>> sink,
      List<float[]> vectors,
      List<String> texts) {
    List<IndexedChunk> batch = new ArrayList<>();
    for (int i = 0; i < vectors.size(); i++) {
      String id = new UUID(0, i).toString();
      batch.add(
          new IndexedChunk(
              new Chunk(
                  id,
                  id,
                  COLLECTION,
                  "doc-" + i,
                  "",
                  0,
                  texts.get(i),
                  0,
                  texts.get(i).length(),
                  Map.of()),
              vectors.get(i)));
      if (batch.size() == 1000) {
        sink.accept(batch);
        batch = new ArrayList<>();
      }
    }
    if (!batch.isEmpty()) {
      sink.accept(batch);
    }
  }

  /** Brute force over every vector, keeping the top {@link #K} of each query in a small heap. */
  private static List<Set<Integer>> exactTopK(List<float[]> vectors, List<float[]> queries)
      throws Exception {
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<Set<Integer>>> futures = new ArrayList<>();
      for (float[] query : queries) {
        futures.add(
            pool.submit(() -> {
              var best = new PriorityQueue<Map.Entry<Double, Integer>>(Map.Entry.comparingByKey());
              for (int i = 0; i < vectors.size(); i++) {
                double score = dot(query, vectors.get(i));
                if (best.size() < K || score > best.peek().getKey()) {
                  best.add(Map.entry(score, i));
                  if (best.size() > K) {
                    best.poll();
                  }
                }
              }
              Set<Integer> ids = new HashSet<>();
              best.forEach(entry -> ids.add(entry.getValue()));
              return ids;
            }));
      }
      List<Set<Integer>> exact = new ArrayList<>();
      for (var future : futures) {
        exact.add(future.get());
      }
      return exact;
    }
  }

  private static double dot(float[] a, float[] b) {
    double sum = 0;
    for (int d = 0; d < a.length; d++) {
      sum += a[d] * b[d];
    }
    return sum;
  }

  private interface Search {
    Set<Integer> nearest(float[] query) throws Exception;
  }

  private static void row(
      StringBuilder table,
      String store,
      double buildSeconds,
      List<float[]> queries,
      List<Set<Integer>> exact,
      Search search)
      throws Exception {
    for (float[] query : queries) {
      search.nearest(query); // warm up
    }
    double recall = 0;
    var latencies = new Latencies(queries.size());
    for (int q = 0; q < queries.size(); q++) {
      long started = System.nanoTime();
      Set<Integer> found = search.nearest(queries.get(q));
      latencies.add(System.nanoTime() - started);
      found.retainAll(exact.get(q));
      recall += found.size() / (double) K;
    }
    recall /= queries.size();
    AtomicInteger next = new AtomicInteger();
    int total = queries.size() * ROUNDS;
    long started = System.nanoTime();
    try (ExecutorService pool = Executors.newFixedThreadPool(THREADS)) {
      List<Future<?>> clients = new ArrayList<>();
      for (int t = 0; t < THREADS; t++) {
        clients.add(
            pool.submit(() -> {
              for (int i = next.getAndIncrement(); i < total; i = next.getAndIncrement()) {
                search.nearest(queries.get(i % queries.size()));
              }
              return null;
            }));
      }
      for (var client : clients) {
        client.get();
      }
    }
    double qps = total / ((System.nanoTime() - started) / 1e9);
    table.append(
        String.format(
            "| %s | %.1f s | %.3f | %.2f | %.2f | %.0f | %s |%n",
            store,
            buildSeconds,
            recall,
            latencies.percentileMillis(50),
            latencies.percentileMillis(99),
            qps,
            loadAverage()));
    System.err.println(table);
  }

  /** The machine's 1-minute load average: above 2, other processes were competing for the CPU. */
  private static String loadAverage() {
    try {
      return Files.readString(Path.of("/proc/loadavg")).split(" ")[0];
    } catch (IOException e) {
      return "?";
    }
  }

  private static Set<Integer> ids(List<ScoredChunk> hits) {
    Set<Integer> ids = new HashSet<>();
    for (ScoredChunk hit : hits) {
      ids.add((int) UUID.fromString(hit.id()).getLeastSignificantBits());
    }
    return ids;
  }

  private static Connection connect(TestPostgres.Database database, int efSearch) {
    try {
      Connection connection =
          DriverManager.getConnection(database.url(), database.user(), database.password());
      try (var statement = connection.createStatement()) {
        statement.execute("SET hnsw.ef_search = " + efSearch);
        statement.execute("SET hnsw.iterative_scan = relaxed_order");
      }
      return connection;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static final String PLAIN_SQL =
      "SELECT id FROM items ORDER BY embedding <=> ?::vector LIMIT " + K;

  /** The filter {@code PgVectorStore} applies (every row here is in scope). */
  private static final String SCOPED_SQL =
      "SELECT id FROM items WHERE collection_id = 1 AND generation = 1"
          + " ORDER BY embedding <=> ?::vector LIMIT "
          + K;

  private static Set<Integer> pgNearest(Connection connection, String sql, float[] query)
      throws SQLException {
    try (var select = connection.prepareStatement(sql)) {
      select.setString(1, Arrays.toString(query).replace(" ", ""));
      Set<Integer> ids = new HashSet<>();
      try (var rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(rows.getInt(1));
        }
      }
      return ids;
    }
  }

  /**
   * {@code COPY … FORMAT BINARY} in batches of 10,000 rows, so a million vectors never sit in one
   * buffer: each row is (id int, collection_id int, generation int, embedding), pgvector's binary
   * form being dim (int16), unused (int16), floats.
   */
  private static void copyBinary(Connection connection, List<float[]> vectors)
      throws SQLException, IOException {
    var copy =
        connection
            .unwrap(PGConnection.class)
            .getCopyAPI()
            .copyIn(
                "COPY items (id, collection_id, generation, embedding) FROM STDIN"
                    + " WITH (FORMAT BINARY)");
    var bytes = new ByteArrayOutputStream(10_000 * (vectors.get(0).length * 4 + 40));
    var out = new DataOutputStream(bytes);
    out.writeBytes("PGCOPY\n");
    out.write(new byte[] {(byte) 0xFF, '\r', '\n', 0});
    out.writeInt(0);
    out.writeInt(0);
    for (int i = 0; i < vectors.size(); i++) {
      float[] vector = vectors.get(i);
      out.writeShort(4);
      for (int value : new int[] {i, 1, 1}) {
        out.writeInt(4);
        out.writeInt(value);
      }
      out.writeInt(4 + 4 * vector.length);
      out.writeShort(vector.length);
      out.writeShort(0);
      for (float value : vector) {
        out.writeFloat(value);
      }
      if (i == vectors.size() - 1) {
        out.writeShort(-1);
      }
      if (bytes.size() > 10_000 * vector.length * 4 || i == vectors.size() - 1) {
        copy.writeToCopy(bytes.toByteArray(), 0, bytes.size());
        bytes.reset();
      }
    }
    copy.endCopy();
  }

  /**
   * The keyword leg through {@link LuceneIndex#keyword} against the same BM25 query run on a bare
   * {@code IndexSearcher} over the same directory: the difference is the service's overhead
   * (analysis, filters, stored-field loading into chunks).
   */
  private static void keywordOverhead(
      StringBuilder table, LuceneIndex lucene, Path directory, List<String> queries)
      throws Exception {
    lucene.commit(Map.of());
    var scope = SearchScope.of(COLLECTION);
    Analyzer analyzer = new EnglishAnalyzer();
    try (var reader = DirectoryReader.open(FSDirectory.open(directory))) {
      var searcher = new IndexSearcher(reader);
      List<Query> bare = new ArrayList<>();
      for (String query : queries) {
        bare.add(bareQuery(analyzer, query));
      }
      for (int round = 0; round < 2; round++) {
        for (int q = 0; q < queries.size(); q++) {
          lucene.keyword(scope, queries.get(q), K);
          searcher.search(bare.get(q), K);
        }
      }
      var service = new Latencies(queries.size() * ROUNDS);
      var raw = new Latencies(queries.size() * ROUNDS);
      for (int round = 0; round < ROUNDS; round++) {
        for (int q = 0; q < queries.size(); q++) {
          long started = System.nanoTime();
          lucene.keyword(scope, queries.get(q), K);
          service.add(System.nanoTime() - started);
          started = System.nanoTime();
          searcher.search(bare.get(q), K);
          raw.add(System.nanoTime() - started);
        }
      }
      table.append(
          String.format(
              "%n| keyword leg (BM25, same index) | p50 ms | p99 ms |%n|---|---|---|%n"
                  + "| bare IndexSearcher (top 10 doc ids) | %.3f | %.3f |%n"
                  + "| LuceneIndex.keyword (chunks with stored fields) | %.3f | %.3f |%n"
                  + "| overhead at p50 | %.3f | |%n%n",
              raw.percentileMillis(50),
              raw.percentileMillis(99),
              service.percentileMillis(50),
              service.percentileMillis(99),
              service.percentileMillis(50) - raw.percentileMillis(50)));
    }
  }

  /** The same query KeywordQuery builds: analyzed terms on text and title^1.5, filtered. */
  private static Query bareQuery(Analyzer analyzer, String text) throws IOException {
    var terms = new BooleanQuery.Builder();
    try (var tokens = analyzer.tokenStream("text", text)) {
      var term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      Set<String> seen = new HashSet<>();
      while (tokens.incrementToken()) {
        if (seen.add(term.toString())) {
          terms.add(new TermQuery(new Term("text", term.toString())), Occur.SHOULD);
          terms.add(
              new BoostQuery(new TermQuery(new Term("title", term.toString())), 1.5f),
              Occur.SHOULD);
        }
      }
      tokens.end();
    }
    return new BooleanQuery.Builder()
        .add(terms.build(), Occur.MUST)
        .add(new TermQuery(new Term("collection", COLLECTION)), Occur.FILTER)
        .add(IntField.newExactQuery("generation", 1), Occur.FILTER)
        .build();
  }
}
