package dev.ragops.bench.peer;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The parts of ragops's HTTP API the benchmarks call. Thread-safe. */
public final class RagopsHttp {

  /** One search hit. */
  record Hit(String chunkId, String sourceId, double score) {}

  private final HttpClient http =
      HttpClient.newBuilder()
          .version(HttpClient.Version.HTTP_1_1)
          .connectTimeout(Duration.ofSeconds(10))
          .build();
  private final JsonMapper json = JsonMapper.createDefault();
  private final URI base;

  public RagopsHttp(URI base) {
    this.base = base;
  }

  public void createCollection(String name) throws IOException, InterruptedException {
    send(post("/v1/collections", Map.of("name", name)), 201);
  }

  /** Uploads {@code text} as {@code <sourceId>.txt}, as {@code ragops eval} does. */
  public void uploadText(String collection, String sourceId, String text)
      throws IOException, InterruptedException {
    String boundary = "bench-" + UUID.randomUUID();
    String body =
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + sourceId.replaceAll("[^A-Za-z0-9._-]", "_")
            + ".txt\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n"
            + text
            + "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"sourceId\"\r\n\r\n"
            + sourceId
            + "\r\n--"
            + boundary
            + "--\r\n";
    send(
        HttpRequest.newBuilder(base.resolve("/v1/collections/" + encode(collection) + "/documents"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8))
            .build(),
        202);
  }

  /** Waits until every document of the collection is ready or failed; returns the failed count. */
  public int awaitIndexed(String collection, int documents)
      throws IOException, InterruptedException {
    while (true) {
      JsonNode root =
          send(
              HttpRequest.newBuilder(
                      base.resolve("/v1/collections/" + encode(collection) + "/documents"))
                  .GET()
                  .build(),
              200);
      int ready = 0;
      int failed = 0;
      for (JsonNode doc : root.get("documents").values()) {
        String status = doc.get("status").getStringValue();
        ready += status.equals("ready") ? 1 : 0;
        failed += status.equals("failed") ? 1 : 0;
      }
      if (ready + failed >= documents) {
        return failed;
      }
      Thread.sleep(1000);
    }
  }

  /** Searches with the given request body (see the README's search options). */
  List<Hit> search(String collection, Map<String, Object> request)
      throws IOException, InterruptedException {
    JsonNode root = send(post("/v1/collections/" + encode(collection) + "/search", request), 200);
    List<Hit> hits = new ArrayList<>();
    for (JsonNode hit : root.get("results").values()) {
      hits.add(
          new Hit(
              hit.get("chunkId").getStringValue(),
              hit.get("sourceId").getStringValue(),
              hit.get("score").getDoubleValue()));
    }
    return hits;
  }

  private HttpRequest post(String path, Object body) throws IOException {
    return HttpRequest.newBuilder(base.resolve(path))
        .header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
        .build();
  }

  private JsonNode send(HttpRequest request, int expected)
      throws IOException, InterruptedException {
    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != expected) {
      throw new UncheckedIOException(
          new IOException(
              request.method()
                  + " "
                  + request.uri()
                  + " answered "
                  + response.statusCode()
                  + ": "
                  + new String(response.body(), StandardCharsets.UTF_8)));
    }
    return json.readValue(response.body(), JsonNode.class);
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8).replace("+", "%20");
  }
}
