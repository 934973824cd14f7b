package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ragops.ingestion.SampleFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Ingestion over HTTP with the real parser, model and stores: every format, every upload variant,
 * limits, retries, metadata edits, deletes by filter and per-collection chunkers. Each storage mode
 * runs the same contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IngestionContract {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(180);

  private ApplicationContext context;
  private JsonMapper json;
  private HttpServer origin;
  private String originUrl;
  ApiClient api;
  private java.net.URI base;

  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  @BeforeAll
  void startServer() throws IOException {
    origin = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    origin.createContext(
        "/manual/vacuum.html",
        exchange -> {
          byte[] body = SampleFiles.html();
          exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        });
    origin.start();
    originUrl = "http://127.0.0.1:" + origin.getAddress().getPort();

    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-ingest-it").toString());
    properties.put("ragops.ingest.url.allow", "127.0.0.1");
    properties.put("micronaut.server.max-request-size", "3MB");
    properties.put("micronaut.server.multipart.max-file-size", "2MB");
    context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    json = context.getBean(JsonMapper.class);
    base = context.getBean(EmbeddedServer.class).getURI();
    api = new ApiClient(base);
  }

  @AfterAll
  void stopServer() {
    if (context != null) {
      context.close();
    }
    if (origin != null) {
      origin.stop(0);
    }
  }

  JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  void createCollection(String name, String chunker) {
    var created =
        api.postJson(
            "/v1/collections",
            "{\"name\":\""
                + name
                + "\""
                + (chunker == null ? "" : ",\"chunker\":" + chunker)
                + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  JsonNode accepted(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return parse(response);
  }

  JsonNode awaitJob(String jobId) {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (true) {
      var job = parse(api.get("/v1/jobs/" + jobId));
      String status = job.get("status").getStringValue();
      if (status.equals("succeeded") || status.equals("failed")) {
        return job;
      }
      assertThat(System.nanoTime()).as("job %s still %s", jobId, status).isLessThan(deadline);
      SliceContract.sleep(100);
    }
  }

  JsonNode succeeded(JsonNode submission) {
    var job = awaitJob(submission.get("jobId").getStringValue());
    assertThat(job.get("status").getStringValue()).as(job.toString()).isEqualTo("succeeded");
    return job;
  }

  JsonNode document(String collection, JsonNode submission) {
    return parse(
        api.get(
            "/v1/collections/"
                + collection
                + "/documents/"
                + submission.get("documentId").getStringValue()));
  }

  JsonNode search(String collection, String body) {
    var response = api.postJson("/v1/collections/" + collection + "/search", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return parse(response).get("results");
  }

  static String encode(String text) {
    return URLEncoder.encode(text, StandardCharsets.UTF_8);
  }

  @Test
  void everyFormatInOneMultipartUploadBecomesSearchable() {
    createCollection("formats", "{\"strategy\":\"structure\"}");
    Map<String, byte[]> files = new LinkedHashMap<>();
    var samples = SampleFiles.all();
    samples.forEach(sample -> files.put(sample.name(), sample.content()));

    var answer = accepted(api.postMultipart("/v1/collections/formats/documents", files, Map.of()));

    var submissions = answer.get("submissions");
    assertThat(submissions.size()).isEqualTo(samples.size());
    Map<String, JsonNode> bySourceId = new HashMap<>();
    for (int i = 0; i < submissions.size(); i++) {
      var submission = submissions.get(i);
      assertThat(submission.get("result").getStringValue()).isEqualTo("added");
      succeeded(submission);
      var document = document("formats", submission);
      bySourceId.put(document.get("sourceId").getStringValue(), document);
    }
    for (var sample : samples) {
      var document = bySourceId.get(sample.name());
      assertThat(document.get("status").getStringValue()).isEqualTo("ready");
      assertThat(document.get("contentType").getStringValue())
          .as(sample.name())
          .startsWith(sample.type());
      var hits =
          search("formats", "{\"query\":\"" + sample.marker() + "\",\"k\":3,\"mode\":\"keyword\"}");
      assertThat(hits.size()).as("hits for %s", sample.marker()).isPositive();
      assertThat(hits.get(0).get("sourceId").getStringValue()).isEqualTo(sample.name());
    }
    var pdf = bySourceId.get("report.pdf");
    assertThat(pdf.get("title").getStringValue()).isEqualTo("Wing flutter");
    assertThat(pdf.get("metadata").get("author").getStringValue()).isEqualTo("Ada Aerodyne");
    assertThat(pdf.get("metadata").get("pageCount").getIntValue()).isEqualTo(2);
    var secondPage =
        search("formats", "{\"query\":\"mass balancing ailerons\",\"k\":1,\"mode\":\"keyword\"}");
    assertThat(secondPage.get(0).get("page").getIntValue()).isEqualTo(2);
  }

  @Test
  void everyUploadVariantAnswersTheSameJobShape() {
    createCollection("variants", null);
    // a PDF sent with a lying Content-Type: Tika goes by the bytes
    var raw =
        accepted(
            api.postBytes(
                "/v1/collections/variants/documents?sourceId=flutter.pdf&metadata="
                    + encode("{\"team\":\"aero\"}"),
                "image/png",
                SampleFiles.pdf()));
    var text =
        accepted(
            api.postJson(
                "/v1/collections/variants/documents",
                "{\"text\":\"Kelp forests shelter sea otters.\",\"title\":\"Kelp\","
                    + "\"sourceId\":\"kelp\",\"metadata\":{\"team\":\"marine\"}}"));
    var url =
        accepted(
            api.postJson(
                "/v1/collections/variants/documents",
                "{\"url\":\"" + originUrl + "/manual/vacuum.html\"}"));
    for (var submission : List.of(raw, text, url)) {
      assertThat(submission.get("documentId").getStringValue()).isNotBlank();
      assertThat(submission.get("status").getStringValue()).isEqualTo("queued");
      assertThat(submission.get("result").getStringValue()).isEqualTo("added");
      succeeded(submission);
    }
    var pdf = document("variants", raw);
    assertThat(pdf.get("contentType").getStringValue()).isEqualTo("application/pdf");
    assertThat(pdf.get("metadata").get("team").getStringValue()).isEqualTo("aero");
    var kelp = document("variants", text);
    assertThat(kelp.get("title").getStringValue()).isEqualTo("Kelp");
    assertThat(kelp.get("sourceId").getStringValue()).isEqualTo("kelp");
    var page = document("variants", url);
    assertThat(page.get("sourceId").getStringValue()).isEqualTo(originUrl + "/manual/vacuum.html");
    assertThat(page.get("contentType").getStringValue()).startsWith("text/html");

    var again =
        accepted(
            api.postJson(
                "/v1/collections/variants/documents",
                "{\"url\":\"" + originUrl + "/manual/vacuum.html\"}"));
    assertThat(again.get("result").getStringValue()).isEqualTo("unchanged");
  }

  @Test
  void urlIngestionRefusesMetadataAndPrivateAddresses() {
    createCollection("ssrf", null);
    for (String url :
        List.of(
            "http://169.254.169.254/latest/meta-data/",
            "http://10.0.0.1/",
            "http://[::1]:8080/",
            "file:///etc/passwd")) {
      var response = api.postJson("/v1/collections/ssrf/documents", "{\"url\":\"" + url + "\"}");
      assertThat(response.statusCode()).as(url).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
    assertThat(parse(api.get("/v1/collections/ssrf/documents")).get("documents").size()).isZero();
  }

  @Test
  void rejectsUploadLargerThanLimit() {
    createCollection("limits", null);
    byte[] large = new byte[4 * 1024 * 1024];
    java.util.Arrays.fill(large, (byte) 'a');

    var raw =
        RawUpload.post(
            base, "/v1/collections/limits/documents?sourceId=big.txt", "text/plain", large);
    String boundary = "ragops-limit";
    var multipart = new java.io.ByteArrayOutputStream();
    multipart.writeBytes(
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.txt\""
                + "\r\nContent-Type: text/plain\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    multipart.writeBytes(java.util.Arrays.copyOf(large, 2_500_000)); // over the file limit only
    multipart.writeBytes(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    var file =
        RawUpload.post(
            base,
            "/v1/collections/limits/documents",
            "multipart/form-data; boundary=" + boundary,
            multipart.toByteArray());

    for (var answer : List.of(raw, file)) {
      assertThat(answer.status()).as(answer.toString()).isEqualTo(413);
      assertThat(answer.contentType()).startsWith("application/problem+json");
    }
    assertThat(parse(api.get("/v1/collections/limits/documents")).get("documents").size()).isZero();
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void encryptedPdfFailsWithAReasonAndCanBeRetried() {
    createCollection("sealed", null);
    var submission =
        accepted(
            api.postMultipart(
                "/v1/collections/sealed/documents",
                Map.of("sealed.pdf", SampleFiles.encryptedPdf()),
                Map.of()));
    var job = awaitJob(submission.get("jobId").getStringValue());
    assertThat(job.get("status").getStringValue()).isEqualTo("failed");
    assertThat(job.get("error").getStringValue()).contains("encrypted or password-protected");
    assertThat(job.get("progress").get("stage").getStringValue()).isEqualTo("parsing");

    String documentId = submission.get("documentId").getStringValue();
    var retried =
        accepted(api.postJson("/v1/collections/sealed/documents/" + documentId + ":retry", ""));
    assertThat(retried.get("result").getStringValue()).isEqualTo("retried");
    assertThat(retried.get("jobId").getStringValue())
        .isEqualTo(submission.get("jobId").getStringValue());
    var again = awaitJob(retried.get("jobId").getStringValue());
    assertThat(again.get("status").getStringValue()).isEqualTo("failed");
    assertThat(again.get("error").getStringValue()).contains("encrypted");

    var ready =
        accepted(
            api.postJson(
                "/v1/collections/sealed/documents",
                "{\"text\":\"Plain words.\",\"sourceId\":\"plain\"}"));
    succeeded(ready);
    var conflict =
        api.postJson(
            "/v1/collections/sealed/documents/"
                + ready.get("documentId").getStringValue()
                + ":retry",
            "");
    assertThat(conflict.statusCode()).isEqualTo(409);
  }

  @Test
  void patchedMetadataShowsInSearchHitsWithoutReembedding() {
    createCollection("patched", null);
    var submission =
        accepted(
            api.postJson(
                "/v1/collections/patched/documents",
                "{\"text\":\"Glaciers carve fjords over millennia.\",\"sourceId\":\"fjords\","
                    + "\"metadata\":{\"team\":\"geo\",\"draft\":true}}"));
    succeeded(submission);
    String query = "{\"query\":\"glaciers fjords\",\"k\":1,\"mode\":\"%s\"}";
    String chunkId =
        search("patched", query.formatted("keyword")).get(0).get("chunkId").getStringValue();

    var patched =
        api.patchJson(
            "/v1/collections/patched/documents/" + submission.get("documentId").getStringValue(),
            "{\"metadata\":{\"team\":\"ice\",\"draft\":null,\"reviewed\":true}}");

    assertThat(patched.statusCode()).as(patched.body()).isEqualTo(200);
    var document = parse(patched);
    assertThat(document.get("metadata").get("team").getStringValue()).isEqualTo("ice");
    assertThat(document.get("metadata").get("draft")).isNull();
    assertThat(document.get("version").getIntValue()).isEqualTo(1);
    for (String mode : List.of("keyword", "vector", "hybrid")) {
      var hit = search("patched", query.formatted(mode)).get(0);
      assertThat(hit.get("chunkId").getStringValue()).as(mode).isEqualTo(chunkId);
      assertThat(hit.get("metadata").get("team").getStringValue()).as(mode).isEqualTo("ice");
      assertThat(hit.get("metadata").get("reviewed").getBooleanValue()).as(mode).isTrue();
    }
    var filtered =
        search(
            "patched",
            "{\"query\":\"glaciers\",\"mode\":\"keyword\",\"filter\":{\"team\":\"ice\"}}");
    assertThat(filtered.size()).isEqualTo(1);
  }

  @Test
  void deletesDocumentsByMetadataFilter() {
    createCollection("pruned", null);
    List<JsonNode> submissions = new ArrayList<>();
    for (String[] doc :
        new String[][] {
          {"a", "docs", "2019"}, {"b", "docs", "2024"}, {"c", "ops", "2024"}, {"d", "ops", "2020"}
        }) {
      submissions.add(
          accepted(
              api.postJson(
                  "/v1/collections/pruned/documents",
                  "{\"text\":\"Report "
                      + doc[0]
                      + " on retention.\",\"sourceId\":\""
                      + doc[0]
                      + "\",\"metadata\":{\"team\":\""
                      + doc[1]
                      + "\",\"year\":"
                      + doc[2]
                      + "}}")));
    }
    submissions.forEach(this::succeeded);

    var byQuery =
        api.delete(
            "/v1/collections/pruned/documents?filter="
                + encode("{\"team\":\"docs\",\"year\":{\"$gte\":2020}}"));
    assertThat(byQuery.statusCode()).as(byQuery.body()).isEqualTo(200);
    assertThat(parse(byQuery).get("deleted").getIntValue()).isEqualTo(1);

    var byBody =
        api.postJson("/v1/collections/pruned/documents:delete", "{\"filter\":{\"team\":\"ops\"}}");
    assertThat(byBody.statusCode()).as(byBody.body()).isEqualTo(200);
    assertThat(parse(byBody).get("deleted").getIntValue()).isEqualTo(2);

    var left = parse(api.get("/v1/collections/pruned/documents")).get("documents");
    assertThat(left.size()).isEqualTo(1);
    assertThat(left.get(0).get("sourceId").getStringValue()).isEqualTo("a");
    assertThat(search("pruned", "{\"query\":\"retention report\",\"mode\":\"keyword\"}").size())
        .isEqualTo(1);
    assertThat(api.delete("/v1/collections/pruned/documents").statusCode()).isEqualTo(400);
    assertThat(api.delete("/v1/collections/pruned/documents?filter=" + encode("{}")).statusCode())
        .isEqualTo(400);
  }

  @Test
  void structureChunkerRecordsHeadingPathPerChunk() {
    createCollection("structured", "{\"strategy\":\"structure\",\"maxTokens\":32,\"overlap\":4}");
    var collection = parse(api.get("/v1/collections/structured"));
    assertThat(collection.get("chunker").get("strategy").getStringValue()).isEqualTo("structure");
    assertThat(collection.get("chunker").get("maxTokens").getIntValue()).isEqualTo(32);

    var submission =
        accepted(
            api.postMultipart(
                "/v1/collections/structured/documents",
                Map.of("vacuum.html", SampleFiles.html()),
                Map.of()));
    succeeded(submission);
    assertThat(document("structured", submission).get("chunkCount").getIntValue()).isGreaterThan(1);
    var hit =
        search("structured", "{\"query\":\"autovacuum daemon\",\"k\":1,\"mode\":\"keyword\"}")
            .get(0);
    assertThat(hit.get("headingPath").getStringValue()).isEqualTo("Routine vacuuming > Autovacuum");

    var bad =
        api.postJson(
            "/v1/collections", "{\"name\":\"bad-chunker\",\"chunker\":{\"strategy\":\"magic\"}}");
    assertThat(bad.statusCode()).isEqualTo(400);
  }
}
