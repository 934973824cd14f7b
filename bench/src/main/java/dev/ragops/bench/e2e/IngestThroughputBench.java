package dev.ragops.bench.e2e;

import dev.ragops.bench.Results;
import dev.ragops.embedder.DjlEmbedder;
import dev.ragops.embedder.EmbedderConfig;
import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Upload to searchable, end to end through the HTTP API (embedded mode), against the embedder alone
 * on the same chunk texts in the same run. The ratio says how much of ingestion's time is anything
 * but embedding: 1.0 means parsing, chunking and indexing hide entirely behind it.
 *
 * <pre>
 * java -cp "bench/target/classes:bench/target/lib/*" dev.ragops.bench.e2e.IngestThroughputBench
 * </pre>
 */
public final class IngestThroughputBench {

  public static void main(String[] args) throws Exception {
    var json = JsonMapper.createDefault();
    List<String[]> documents = new ArrayList<>();
    for (String line : Files.readAllLines(Path.of("../shared/datasets/cranfield/corpus.jsonl"))) {
      if (!line.isBlank()) {
        Map<String, Object> row = json.readValue(line, Argument.mapOf(String.class, Object.class));
        documents.add(
            new String[] {(String) row.get("_id"), row.get("title") + "\n\n" + row.get("text")});
      }
    }
    Path dataDir = Files.createTempDirectory("ragops-ingest-bench");
    ApplicationContext context =
        Micronaut.build(new String[0])
            .properties(Map.of("micronaut.server.port", -1, "ragops.data-dir", dataDir.toString()))
            .start();
    try {
      URI base = context.getBean(EmbeddedServer.class).getURI();
      var http = HttpClient.newHttpClient();
      post(
          http,
          base.resolve("/v1/collections"),
          "application/json",
          "{\"name\":\"cranfield\"}".getBytes());
      long started = System.nanoTime();
      List<String> jobs = new ArrayList<>();
      for (String[] document : documents) {
        String boundary = "b" + UUID.randomUUID();
        String body =
            "--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
                + document[0]
                + ".txt\"\r\nContent-Type: text/plain\r\n\r\n"
                + document[1]
                + "\r\n--"
                + boundary
                + "--\r\n";
        var response =
            post(
                http,
                base.resolve("/v1/collections/cranfield/documents"),
                "multipart/form-data; boundary=" + boundary,
                body.getBytes(StandardCharsets.UTF_8));
        jobs.add(
            (String)
                json.readValue(response, Argument.mapOf(String.class, Object.class)).get("jobId"));
      }
      for (String job : jobs) {
        while (true) {
          var status =
              json.readValue(
                      http.send(
                              HttpRequest.newBuilder(base.resolve("/v1/jobs/" + job)).build(),
                              HttpResponse.BodyHandlers.ofString())
                          .body(),
                      Argument.mapOf(String.class, Object.class))
                  .get("status");
          if ("succeeded".equals(status) || "failed".equals(status)) {
            break;
          }
          Thread.sleep(20);
        }
      }
      double ingestSeconds = (System.nanoTime() - started) / 1e9;
      List<String> chunkTexts = chunkTexts(context);

      double embedSeconds;
      try (var embedder =
          DjlEmbedder.create(EmbedderConfig.defaults(dataDir.resolve("bench-models")))) {
        embedder.embedDocuments(chunkTexts.subList(0, Math.min(64, chunkTexts.size()))); // warm up
        long embedStarted = System.nanoTime();
        for (int from = 0; from < chunkTexts.size(); from += 64) {
          embedder.embedDocuments(chunkTexts.subList(from, Math.min(from + 64, chunkTexts.size())));
        }
        embedSeconds = (System.nanoTime() - embedStarted) / 1e9;
      }
      String table =
          Results.header(
                  "java -cp \"bench/target/classes:bench/target/lib/*\" dev.ragops.bench.e2e.IngestThroughputBench")
              + "- Corpus: Cranfield, "
              + documents.size()
              + " documents uploaded one by one over HTTP (multipart), "
              + chunkTexts.size()
              + " chunks; embedded mode, default settings\n\n"
              + "| run | seconds | documents/s | chunks/s |\n|---|---|---|---|\n"
              + String.format(
                  "| upload → searchable (all stages) | %.1f | %.1f | %.1f |%n",
                  ingestSeconds,
                  documents.size() / ingestSeconds,
                  chunkTexts.size() / ingestSeconds)
              + String.format(
                  "| embedder alone, same chunk texts | %.1f | | %.1f |%n",
                  embedSeconds, chunkTexts.size() / embedSeconds)
              + String.format(
                  "| **ratio** (ingest chunks/s ÷ embedder chunks/s; goal ≥ 0.8) | | | **%.2f** |%n",
                  embedSeconds / ingestSeconds);
      System.out.println(table);
      Results.writeSection(Path.of("bench/RESULTS.md"), "Ingest, end to end", table);
    } finally {
      context.close();
    }
  }

  private static String post(HttpClient http, URI uri, String contentType, byte[] body)
      throws Exception {
    var response =
        http.send(
            HttpRequest.newBuilder(uri)
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() >= 300) {
      throw new IllegalStateException(
          uri + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  @SuppressWarnings("unchecked")
  private static List<String> chunkTexts(ApplicationContext context) {
    TransactionOperations<Connection> transactions = context.getBean(TransactionOperations.class);
    return transactions.executeRead(status -> {
      List<String> texts = new ArrayList<>();
      try (var select = status.getConnection().prepareStatement("SELECT text FROM chunks");
          var rows = select.executeQuery()) {
        while (rows.next()) {
          texts.add(rows.getString(1));
        }
      }
      return texts;
    });
  }
}
