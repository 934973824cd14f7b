package dev.ragops.bench.tracing;

import com.sun.net.httpserver.HttpServer;
import dev.ragops.bench.Latencies;
import dev.ragops.bench.Results;
import dev.ragops.bench.peer.RagopsHttp;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What tracing costs a search: two embedded ragops servers in one JVM, the same Cranfield documents
 * in each, one with tracing off (the default) and one exporting every span over OTLP/HTTP to a
 * local collector that only counts what it receives. The same hybrid and keyword queries run one at
 * a time against each, in interleaved rounds whose order alternates, so drift in the machine's load
 * falls on both; the baseline is the untraced server in the same run.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" dev.ragops.bench.tracing.TracingOverheadBench \
 *   [documents (300)] [rounds (6)]
 * </pre>
 */
public final class TracingOverheadBench {

  private static final JsonMapper JSON = JsonMapper.createDefault();

  public static void main(String[] args) throws Exception {
    int documentCount = args.length > 0 ? Integer.parseInt(args[0]) : 300;
    int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 6;
    var dataset = Path.of("../shared/datasets/cranfield");
    List<String[]> documents = rows(dataset.resolve("corpus.jsonl"), documentCount);
    List<String> queries =
        rows(dataset.resolve("queries.jsonl"), 100).stream().map(row -> row[1]).toList();

    AtomicLong posts = new AtomicLong();
    AtomicLong bytes = new AtomicLong();
    HttpServer collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          bytes.addAndGet(exchange.getRequestBody().readAllBytes().length);
          posts.incrementAndGet();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    String endpoint = "http://127.0.0.1:" + collector.getAddress().getPort();
    var http = HttpClient.newHttpClient();
    try (var off = new Node("off", null);
        var on = new Node("on", endpoint)) {
      for (Node node : List.of(off, on)) {
        node.ingest(documents);
      }
      Map<String, Latencies> latencies = new HashMap<>();
      for (String key : List.of("off hybrid", "on hybrid", "off keyword", "on keyword")) {
        latencies.put(key, new Latencies(rounds * queries.size()));
      }
      // one untimed pass each to warm up the JIT, the caches and the exporter
      for (Node node : List.of(off, on)) {
        for (String query : queries) {
          node.search(http, query, "hybrid");
        }
      }
      for (int round = 0; round < rounds; round++) {
        List<Node> order = round % 2 == 0 ? List.of(off, on) : List.of(on, off);
        for (String mode : List.of("hybrid", "keyword")) {
          for (Node node : order) {
            var samples = latencies.get(node.name + " " + mode);
            for (String query : queries) {
              long started = System.nanoTime();
              node.search(http, query, mode);
              samples.add(System.nanoTime() - started);
            }
          }
        }
      }
      on.close(); // exports the spans still buffered before the collector's counts are read
      StringBuilder table =
          new StringBuilder(
              Results.header(
                      "java -cp \"bench/target/classes:bench/target/lib/*\""
                          + " dev.ragops.bench.tracing.TracingOverheadBench "
                          + documentCount
                          + " "
                          + rounds)
                  + "- Corpus: Cranfield, "
                  + documents.size()
                  + " documents in each of two embedded servers in one JVM; "
                  + queries.size()
                  + " Cranfield queries, one at a time over HTTP, k = 10, "
                  + rounds
                  + " interleaved rounds (order alternating) after one warm-up pass\n"
                  + "- Traced server: every span exported (sampling 1.0) over OTLP/HTTP to a local"
                  + " collector that counts requests; it received "
                  + posts.get()
                  + " posts, "
                  + bytes.get() / 1024
                  + " KiB in all\n\n"
                  + "| mode | tracing | p50 ms | p95 ms | p99 ms |\n|---|---|---|---|---|\n");
      for (String mode : List.of("hybrid", "keyword")) {
        for (String state : List.of("off", "on")) {
          var samples = latencies.get(state + " " + mode);
          table.append(
              String.format(
                  "| %s | %s | %.2f | %.2f | %.2f |%n",
                  mode,
                  state,
                  samples.percentileMillis(50),
                  samples.percentileMillis(95),
                  samples.percentileMillis(99)));
        }
      }
      table.append("\n| mode | p50 on ÷ off | p95 on ÷ off |\n|---|---|---|\n");
      for (String mode : List.of("hybrid", "keyword")) {
        var traced = latencies.get("on " + mode);
        var untraced = latencies.get("off " + mode);
        table.append(
            String.format(
                "| %s | %.3f | %.3f |%n",
                mode,
                traced.percentileMillis(50) / untraced.percentileMillis(50),
                traced.percentileMillis(95) / untraced.percentileMillis(95)));
      }
      System.out.println(table);
      Results.writeSection(
          Path.of("bench/RESULTS.md"), "Tracing overhead (search)", table.toString());
    } finally {
      collector.stop(0);
    }
  }

  /** The first {@code limit} rows of a BEIR JSONL file as (id, title and text). */
  private static List<String[]> rows(Path file, int limit) throws Exception {
    List<String[]> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank() && rows.size() < limit) {
        Map<String, Object> row = JSON.readValue(line, Argument.mapOf(String.class, Object.class));
        Object title = row.get("title");
        rows.add(
            new String[] {
              (String) row.get("_id"),
              (title == null || title.toString().isBlank() ? "" : title + "\n\n") + row.get("text")
            });
      }
    }
    return rows;
  }

  /** One embedded ragops server with its own data directory. */
  private static final class Node implements AutoCloseable {

    final String name;
    final ApplicationContext context;
    final URI base;

    Node(String name, String tracingEndpoint) throws Exception {
      this.name = name;
      Map<String, Object> properties = new HashMap<>();
      properties.put("micronaut.server.port", -1);
      properties.put(
          "ragops.data-dir", Files.createTempDirectory("ragops-tracing-" + name).toString());
      // the untraced node stays untraced even where OTEL_EXPORTER_OTLP_ENDPOINT is set
      properties.put("ragops.tracing.endpoint", tracingEndpoint == null ? "" : tracingEndpoint);
      properties.put("ragops.tracing.traces-endpoint", "");
      this.context = Micronaut.build(new String[0]).properties(properties).start();
      this.base = context.getBean(EmbeddedServer.class).getURI();
    }

    void ingest(List<String[]> documents) throws Exception {
      var api = new RagopsHttp(base);
      api.createCollection("cranfield");
      for (String[] document : documents) {
        api.uploadText("cranfield", document[0], document[1]);
      }
      int failed = api.awaitIndexed("cranfield", documents.size());
      if (failed > 0) {
        throw new IllegalStateException(failed + " documents failed on node " + name);
      }
    }

    void search(HttpClient http, String query, String mode) throws Exception {
      String body =
          "{\"query\":" + JSON.writeValueAsString(query) + ",\"k\":10,\"mode\":\"" + mode + "\"}";
      post(http, "/v1/collections/cranfield/search", "application/json", body);
    }

    private Map<String, Object> post(HttpClient http, String path, String type, String body)
        throws Exception {
      return answer(
          http.send(
              HttpRequest.newBuilder(base.resolve(path))
                  .header("Content-Type", type)
                  .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
                  .build(),
              HttpResponse.BodyHandlers.ofString()));
    }

    private Map<String, Object> answer(HttpResponse<String> response) throws Exception {
      if (response.statusCode() >= 300) {
        throw new IllegalStateException(
            name
                + ": "
                + response.uri()
                + " answered "
                + response.statusCode()
                + ": "
                + response.body());
      }
      return JSON.readValue(response.body(), Argument.mapOf(String.class, Object.class));
    }

    @Override
    public void close() {
      if (context.isRunning()) {
        context.close();
      }
    }
  }
}
