package dev.ragops.eval;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.ByteArrayOutputStream;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The parts of the ragops HTTP API the CLI uses, over the JDK's HTTP client. */
final class RagopsClient {

  /** One search hit: the document it came from and its score. */
  record Hit(String sourceId, double score) {}

  /** A document's processing state. */
  record DocumentState(String sourceId, String status, String error) {}

  /** One judgement, reduced to what the CLI scores. */
  record Judged(double score, double threshold, String judge) {}

  private static final Duration TIMEOUT = Duration.ofMinutes(5);

  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
  private final JsonMapper json = JsonMapper.createDefault();
  private final URI base;

  RagopsClient(URI base) {
    this.base = base;
  }

  void createCollection(String name) {
    expect(201, postJson("/v1/collections", Map.of("name", name)));
  }

  /** Uploads a text document under {@code sourceId}; returns its document id. */
  String uploadText(String collection, String sourceId, String text) {
    String boundary = "ragops-" + UUID.randomUUID();
    var body = new ByteArrayOutputStream();
    String fileName = sourceId.replaceAll("[^A-Za-z0-9._-]", "_") + ".txt";
    write(
        body,
        "--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
            + fileName
            + "\"\r\nContent-Type: text/plain; charset=UTF-8\r\n\r\n");
    write(body, text);
    write(
        body,
        "\r\n--"
            + boundary
            + "\r\nContent-Disposition: form-data; name=\"sourceId\"\r\n\r\n"
            + sourceId
            + "\r\n--"
            + boundary
            + "--\r\n");
    var request =
        HttpRequest.newBuilder(resolve("/v1/collections/" + encode(collection) + "/documents"))
            .timeout(TIMEOUT)
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    return expect(202, send(request)).get("documentId").getStringValue();
  }

  List<DocumentState> documents(String collection) {
    JsonNode root = expect(200, send(get("/v1/collections/" + encode(collection) + "/documents")));
    List<DocumentState> states = new ArrayList<>();
    for (JsonNode doc : root.get("documents").values()) {
      JsonNode error = doc.get("error");
      states.add(
          new DocumentState(
              doc.get("sourceId").getStringValue(),
              doc.get("status").getStringValue(),
              error == null || error.isNull() ? null : error.getStringValue()));
    }
    return states;
  }

  /** Searches {@code collection}; {@code rrfK} and {@code candidates} may be null. */
  List<Hit> search(
      String collection, String query, String mode, int k, Integer rrfK, Integer candidates) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("query", query);
    body.put("mode", mode);
    body.put("k", k);
    if (rrfK != null) {
      body.put("rrfK", rrfK);
    }
    if (candidates != null) {
      body.put("candidates", candidates);
    }
    JsonNode root =
        expect(200, postJson("/v1/collections/" + encode(collection) + "/search", body));
    List<Hit> hits = new ArrayList<>();
    for (JsonNode hit : root.get("results").values()) {
      hits.add(new Hit(hit.get("sourceId").getStringValue(), hit.get("score").getDoubleValue()));
    }
    return hits;
  }

  Judged faithfulness(String question, String answer, List<String> contexts, String judge) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("question", question);
    body.put("answer", answer);
    body.put("contexts", contexts);
    if (judge != null) {
      body.put("judge", judge);
    }
    JsonNode root = expect(200, postJson("/v1/faithfulness", body));
    return new Judged(
        root.get("score").getDoubleValue(),
        root.get("threshold").getDoubleValue(),
        root.get("judge").getStringValue());
  }

  /** The llm judge's usage counters, or an empty map. */
  Map<String, Object> faithfulnessUsage() {
    JsonNode root = expect(200, send(get("/v1/faithfulness/usage")));
    Map<String, Object> usage = new LinkedHashMap<>();
    JsonNode llm = root.get("llm");
    if (llm != null && llm.isObject()) {
      for (var entry : llm.entries()) {
        usage.put(entry.getKey(), entry.getValue().getValue());
      }
    }
    return usage;
  }

  private HttpResponse<String> postJson(String path, Object body) {
    try {
      return send(
          HttpRequest.newBuilder(resolve(path))
              .timeout(TIMEOUT)
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
              .build());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private HttpRequest get(String path) {
    return HttpRequest.newBuilder(resolve(path)).timeout(TIMEOUT).GET().build();
  }

  private URI resolve(String path) {
    return base.resolve(path);
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new UncheckedIOException(request.method() + " " + request.uri() + " failed: " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  private JsonNode expect(int status, HttpResponse<String> response) {
    if (response.statusCode() != status) {
      throw new IllegalStateException(
          response.request().method()
              + " "
              + response.request().uri().getPath()
              + " answered "
              + response.statusCode()
              + ": "
              + response.body());
    }
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          "not JSON from " + response.request().uri() + ": " + response.body());
    }
  }

  private static void write(ByteArrayOutputStream out, String text) {
    out.writeBytes(text.getBytes(StandardCharsets.UTF_8));
  }

  private static String encode(String segment) {
    return URLEncoder.encode(segment, StandardCharsets.UTF_8);
  }
}
