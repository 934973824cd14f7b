package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpRequest.BodyPublishers;
import java.net.http.HttpResponse;
import java.net.http.HttpResponse.BodyHandlers;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Traces end to end: an upload's request span, the ingest job's span (which runs later on the job
 * engine) and its stage spans share one trace; a search continues its caller's {@code traceparent}
 * with both legs as children of the search span; the OTLP exporter really posts to a collector; and
 * no span attribute holds document or query text. Each storage mode runs the same contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class TracingContract {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);
  private static final String CALLER_TRACE = "4bf92f3577b34da6a3ce929d0e0e4736";
  private static final String CALLER_SPAN = "00f067aa0ba902b7";
  private static final String QUERY = "reclaim storage from dead tuples";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final List<Posted> collected = new CopyOnWriteArrayList<>();
  private HttpServer collector;
  private ApplicationContext context;
  private JsonMapper json;
  private ApiClient api;
  private URI base;

  /** One request the fake collector received. */
  private record Posted(String path, String contentType, byte[] body) {}

  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  @BeforeAll
  void start() throws IOException {
    collector = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    collector.createContext(
        "/",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          collected.add(
              new Posted(
                  exchange.getRequestURI().getPath(),
                  exchange.getRequestHeaders().getFirst("Content-Type"),
                  body));
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    collector.start();
    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-tracing").toString());
    properties.put(
        "ragops.tracing.endpoint", "http://127.0.0.1:" + collector.getAddress().getPort());
    context =
        Micronaut.build(new String[0])
            .properties(properties)
            .environments(environments())
            .singletons(spans)
            .start();
    json = context.getBean(JsonMapper.class);
    base = context.getBean(EmbeddedServer.class).getURI();
    api = new ApiClient(base);
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
    if (collector != null) {
      collector.stop(0);
    }
  }

  @Test
  void oneTraceLinksTheUploadRequestToTheJobAndItsStages() {
    createCollection("traced");
    var submission = upload("traced", "vacuum.html", TestDocuments.html());
    String jobId = submission.get("jobId").getStringValue();
    assertThat(awaitJob(jobId).get("status").getStringValue()).isEqualTo("succeeded");

    SpanData job =
        awaitSpan(span ->
            span.getName().equals("ingest")
                && jobId.equals(
                    span.getAttributes().asMap().entrySet().stream()
                        .filter(e -> e.getKey().getKey().equals("ragops.job.id"))
                        .map(e -> e.getValue().toString())
                        .findFirst()
                        .orElse(null)));
    assertThat(job.getKind()).isEqualTo(SpanKind.CONSUMER);
    SpanData request = spanWithId(job.getParentSpanId());
    assertThat(request.getKind()).isEqualTo(SpanKind.SERVER);
    assertThat(request.getName()).isEqualTo("POST /v1/collections/{name}/documents");
    assertThat(request.getTraceId()).isEqualTo(job.getTraceId());
    for (String stage : List.of("ingest.parse", "ingest.chunk", "ingest.embed", "ingest.write")) {
      SpanData child =
          awaitSpan(span ->
              span.getName().equals(stage) && span.getParentSpanId().equals(job.getSpanId()));
      assertThat(child.getTraceId()).as(stage).isEqualTo(request.getTraceId());
    }
    // the node's Lucene index applies the change later, in a span linked to the write
    SpanData write = spanNamed("ingest.write", job);
    awaitSpan(span ->
        span.getName().equals("lucene.apply")
            && span.getLinks().stream()
                .anyMatch(link -> link.getSpanContext().getSpanId().equals(write.getSpanId())));
  }

  @Test
  void aFailedJobsSpanNamesTheStageAndErrorTypeButNotTheReason() {
    createCollection("failing");
    String jobId =
        upload("failing", "broken.pdf", TestDocuments.corruptPdf()).get("jobId").getStringValue();
    var job = awaitJob(jobId);
    assertThat(job.get("status").getStringValue()).isEqualTo("failed");

    SpanData failed =
        awaitSpan(span ->
            span.getName().equals("ingest")
                && span.getAttributes().asMap().toString().contains(jobId));
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    var attributes = failed.getAttributes().asMap().toString();
    assertThat(attributes).contains("ragops.job.failed_stage=parsing").contains("error.type=");
    assertThat(attributes + failed.getStatus().getDescription())
        .doesNotContain(job.get("error").getStringValue());
  }

  @Test
  void aSearchContinuesTheCallersTraceWithBothLegsUnderTheSearchSpan() throws Exception {
    createCollection("searched");
    awaitJob(upload("searched", "vacuum.html", TestDocuments.html()).get("jobId").getStringValue());

    var response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(base.resolve("/v1/collections/searched/search"))
                    .header("Content-Type", "application/json")
                    .header("traceparent", "00-" + CALLER_TRACE + "-" + CALLER_SPAN + "-01")
                    .POST(
                        BodyPublishers.ofString(
                            "{\"query\":\"" + QUERY + "\",\"k\":3,\"mode\":\"hybrid\"}"))
                    .build(),
                BodyHandlers.ofString());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);

    SpanData request =
        awaitSpan(span ->
            span.getKind() == SpanKind.SERVER && span.getParentSpanId().equals(CALLER_SPAN));
    assertThat(request.getTraceId()).isEqualTo(CALLER_TRACE);
    assertThat(request.getName()).isEqualTo("POST /v1/collections/{name}/search");
    SpanData search =
        awaitSpan(span ->
            span.getName().equals("search") && span.getParentSpanId().equals(request.getSpanId()));
    for (String stage :
        List.of("search.keyword", "search.vector", "search.embed_query", "search.fuse")) {
      SpanData child =
          awaitSpan(span ->
              span.getName().equals(stage) && span.getParentSpanId().equals(search.getSpanId()));
      assertThat(child.getTraceId()).as(stage).isEqualTo(CALLER_TRACE);
    }
    SpanData keyword = spanNamed("search.keyword", search);
    assertThat(keyword.getAttributes().asMap().toString()).contains("ragops.search.hits=1");
  }

  @Test
  void noSpanAttributeHoldsDocumentOrQueryText() {
    createCollection("private");
    awaitJob(upload("private", "vacuum.html", TestDocuments.html()).get("jobId").getStringValue());
    var searched =
        api.postJson("/v1/collections/private/search", "{\"query\":\"" + QUERY + "\",\"k\":3}");
    assertThat(searched.statusCode()).as(searched.body()).isEqualTo(200);
    awaitSpan(span -> span.getName().equals("search.fuse"));

    List<String> content =
        List.of(
            QUERY,
            "dead tuples",
            "reclaims storage",
            "autovacuum daemon",
            "Routine vacuuming",
            "physically removed");
    var values =
        spans.getFinishedSpanItems().stream()
            .flatMap(span -> span.getAttributes().asMap().values().stream())
            .map(Object::toString)
            .toList();
    assertThat(values).isNotEmpty();
    for (String text : content) {
      assertThat(values).as("span attributes").noneMatch(value -> value.contains(text));
    }
  }

  @Test
  void theOtlpExporterPostsProtobufSpansToTheCollector() {
    var searched = api.postJson("/v1/collections", "{\"name\":\"exported\"}");
    assertThat(searched.statusCode()).as(searched.body()).isEqualTo(201);
    context.getBean(Tracing.class).flush();

    assertThat(collected).isNotEmpty();
    var posted = collected.get(collected.size() - 1);
    assertThat(posted.path()).isEqualTo("/v1/traces");
    assertThat(posted.contentType()).isEqualTo("application/x-protobuf");
    assertThat(posted.body()).isNotEmpty();
    // the protobuf carries the resource's service name and the span name as plain UTF-8 strings
    String bytes = new String(posted.body(), StandardCharsets.ISO_8859_1);
    assertThat(bytes).contains("ragops").contains("POST /v1/collections");
  }

  private SpanData spanNamed(String name, SpanData parent) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .filter(span -> span.getParentSpanId().equals(parent.getSpanId()))
        .findFirst()
        .orElseThrow();
  }

  private SpanData spanWithId(String spanId) {
    return awaitSpan(span -> span.getSpanId().equals(spanId));
  }

  /** The first finished span that matches, flushing and waiting up to 10 s for it. */
  private SpanData awaitSpan(Predicate<SpanData> wanted) {
    long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
    while (true) {
      context.getBean(Tracing.class).flush();
      var found = spans.getFinishedSpanItems().stream().filter(wanted).findFirst();
      if (found.isPresent()) {
        return found.get();
      }
      assertThat(System.nanoTime())
          .as(
              "no such span among %s",
              spans.getFinishedSpanItems().stream()
                  .map(span ->
                      span.getName() + " " + span.getSpanId() + "<-" + span.getParentSpanId())
                  .toList())
          .isLessThan(deadline);
      sleep(50);
    }
  }

  private void createCollection(String name) {
    var created = api.postJson("/v1/collections", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  private JsonNode upload(String collection, String fileName, byte[] content) {
    var response =
        api.postMultipart(
            "/v1/collections/" + collection + "/documents", Map.of(fileName, content), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return parse(response);
  }

  private JsonNode awaitJob(String jobId) {
    long deadline = System.nanoTime() + JOB_TIMEOUT.toNanos();
    while (true) {
      var job = parse(api.get("/v1/jobs/" + jobId));
      String status = job.get("status").getStringValue();
      if (status.equals("succeeded") || status.equals("failed")) {
        return job;
      }
      assertThat(System.nanoTime()).as("job %s still %s", jobId, status).isLessThan(deadline);
      sleep(100);
    }
  }

  private JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
