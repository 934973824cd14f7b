package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The freshness loop end to end over HTTP, with the real parser, model, stores and a real HTTP
 * source: URL-sourced documents, a golden set and a baseline eval; a source changes and a schedule
 * is triggered, so the change is detected, a shadow generation built, judged, promoted and
 * searched; then a harmful setting is rejected by the gate. Also: searches during a reindex.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class FreshnessContract {

  private static final Duration TIMEOUT = Duration.ofSeconds(600);

  private ApplicationContext context;
  private JsonMapper json;
  private SourceServer sources;
  private CranfieldSample sample;
  ApiClient api;

  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  @BeforeAll
  void start() throws IOException {
    Path dataDir = Files.createTempDirectory("ragops-freshness");
    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", dataDir.toString());
    // the test's source server listens on loopback, which the SSRF guard refuses by default
    properties.put("ragops.ingest.url.allow", List.of("127.0.0.1"));
    context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    json = context.getBean(JsonMapper.class);
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
    sources = new SourceServer();
    sample = CranfieldSample.load(json);
  }

  @AfterAll
  void stop() {
    if (sources != null) {
      sources.close();
    }
    if (context != null) {
      context.close();
    }
  }

  @Test
  void detectsAChangedSourceRebuildsThroughTheGateAndRejectsAHarmfulSetting() {
    String c = "fresh";
    created(api.postJson("/v1/collections", "{\"name\":\"" + c + "\"}"));
    List<String> jobs = new ArrayList<>();
    for (var document : sample.documents()) {
      sources.put(document.id(), document.text());
      var submitted =
          ok(
              api.postJson(
                  "/v1/collections/" + c + "/documents",
                  json(
                      Map.of(
                          "url",
                          sources.url(document.id()).toString(),
                          "sourceId",
                          "cran-" + document.id()))),
              202);
      jobs.add(submitted.get("jobId").getStringValue());
    }
    jobs.forEach(job -> assertThat(awaitJob(job)).isEqualTo("succeeded"));

    // a golden set of the sample's queries, and a baseline eval of generation 1
    List<Map<String, Object>> cases = new ArrayList<>();
    for (var query : sample.queries()) {
      List<Map<String, Object>> relevant = new ArrayList<>();
      query
          .relevant()
          .forEach((id, grade) -> relevant.add(Map.of("sourceId", "cran-" + id, "grade", grade)));
      cases.add(Map.of("query", query.text(), "relevant", relevant));
    }
    ok(
        api.postJson(
            "/v1/collections/" + c + "/datasets:import",
            json(Map.of("name", "golden", "cases", cases))),
        201,
        200);
    var baseline =
        ok(
            api.postJson("/v1/collections/" + c + "/evals", "{\"dataset\":\"golden\"}"),
            202,
            201,
            200);
    var baselineRun = awaitEval(c, baseline.get("id").getStringValue());
    double baselineNdcg = baselineRun.get("metrics").get("ndcg@10").getNumberValue().doubleValue();
    assertThat(baselineNdcg).isGreaterThan(0.1);

    var schedule =
        ok(
            api.postJson(
                "/v1/collections/" + c + "/schedules",
                """
                {"cron":"0 0 0 1 1 *","checks":["sources","drift","eval"],"dataset":"golden",
                 "thresholds":{"ndcg@10":{"floor":0.05,"maxDrop":0.05}},"onRegression":"reindex"}
                """),
            201);
    String scheduleId = schedule.get("id").getStringValue();

    // one source changes, one disappears
    var changed = sample.documents().get(3);
    var removed = sample.documents().get(7);
    sources.put(changed.id(), changed.text() + " The zircon manifold resonates at dusk.");
    sources.remove(removed.id());
    int notModifiedBefore = sources.notModified();

    var report =
        ok(
            api.postJson("/v1/collections/" + c + "/schedules/" + scheduleId + ":trigger", "{}"),
            200);
    var sourcesFinding = finding(report, "sources");
    assertThat(strings(sourcesFinding.get("changed"))).containsExactly("cran-" + changed.id());
    assertThat(strings(sourcesFinding.get("deleted"))).containsExactly("cran-" + removed.id());
    assertThat(sourcesFinding.get("unchanged").size()).isEqualTo(sample.documents().size() - 2);
    assertThat(sourcesFinding.get("failed").size()).isZero();
    assertThat(sources.notModified() - notModifiedBefore).isEqualTo(sample.documents().size() - 2);
    assertThat(report.get("action").getStringValue()).isEqualTo("reindex");
    assertThat(report.get("reindex").get("result").getStringValue())
        .as(report.toString())
        .isEqualTo("promoted");
    assertThat(report.get("reindex").get("passed").getBooleanValue()).isTrue();
    int promoted = report.get("reindex").get("generation").getIntValue();
    assertThat(promoted).isEqualTo(2);
    assertThat(statuses(c)).containsEntry(2, "active").containsEntry(1, "previous");

    var hit = firstHit(c, "zircon manifold", "keyword");
    assertThat(hit.get("sourceId").getStringValue()).isEqualTo("cran-" + changed.id());
    assertThat(hit.get("freshness").get("generation").getIntValue()).isEqualTo(2);
    assertThat(hit.get("freshness").get("documentVersion").getIntValue()).isEqualTo(2);
    assertThat(sourceIds(c, removed.title(), "keyword")).doesNotContain("cran-" + removed.id());

    assertThat(finding(report, "drift").get("drifted").getIntValue()).isZero();
    assertThat(finding(report, "eval").get("regression").getBooleanValue()).isFalse();
    String metrics = api.get("/prometheus").body();
    assertThat(metrics)
        .contains("ragops_freshness_eval_score{collection=\"" + c + "\",metric=\"ndcg@10\"}")
        .contains("ragops_freshness_active_generation{collection=\"" + c + "\"} 2.0")
        .contains("ragops_freshness_stale_documents{collection=\"" + c + "\"} 0.0")
        .contains("ragops_freshness_last_success_age_seconds{collection=\"" + c + "\"}");

    var kinds = timelineKinds(c);
    assertThat(kinds).contains("detection", "eval", "reindex", "verdict", "promote");
    assertThat(kinds.get(0)).isEqualTo("promote");

    // a harmful setting: 8-token chunks. The gate rejects it and generation 2 stays active.
    var harmful =
        ok(
            api.postJson(
                "/v1/collections/" + c + "/generations",
                """
                {"settings":{"chunker":{"maxTokens":8,"overlap":0}},"dataset":"golden",
                 "thresholds":{"ndcg@10":{"maxDrop":0.02}}}
                """),
            202);
    int rejected = harmful.get("generation").getIntValue();
    assertThat(harmful.get("status").getStringValue()).isEqualTo("building");
    assertThat(awaitGeneration(c, rejected)).isEqualTo("discarded");
    assertThat(statuses(c)).containsEntry(2, "active").containsEntry(rejected, "discarded");
    var verdict = newest(c, "verdict");
    var details = verdict.get("details");
    assertThat(details.get("passed").getBooleanValue()).isFalse();
    assertThat(details.get("candidateGeneration").getIntValue()).isEqualTo(rejected);
    assertThat(details.get("baselineGeneration").getIntValue()).isEqualTo(2);
    assertThat(details.get("baselineRun").getStringValue()).isNotBlank();
    assertThat(details.get("candidateRun").getStringValue()).isNotBlank();
    System.out.printf(
        "Gate: baseline ndcg@10 %s, 8-token chunks %s%n",
        details.get("baselineMetrics").get("ndcg@10").getNumberValue(),
        details.get("candidateMetrics").get("ndcg@10").getNumberValue());
    assertThat(
            firstHit(c, "zircon manifold", "keyword")
                .get("freshness")
                .get("generation")
                .getIntValue())
        .isEqualTo(2);

    // rollback restores generation 1, which kept up with the re-ingested source
    var restored = ok(api.postJson("/v1/collections/" + c + "/generations/2:rollback", "{}"), 200);
    assertThat(restored.get("generation").getIntValue()).isEqualTo(1);
    assertThat(statuses(c)).containsEntry(1, "active");
    var afterRollback = firstHit(c, "zircon manifold", "keyword");
    assertThat(afterRollback.get("sourceId").getStringValue()).isEqualTo("cran-" + changed.id());
    assertThat(afterRollback.get("freshness").get("generation").getIntValue()).isEqualTo(1);
    assertThat(timelineKinds(c).get(0)).isEqualTo("rollback");
  }

  @Test
  void searchesDuringAReindexNeverFailAndNeverMixGenerations() throws InterruptedException {
    String c = "load";
    created(api.postJson("/v1/collections", "{\"name\":\"" + c + "\"}"));
    List<String> jobs = new ArrayList<>();
    for (var document : sample.documents().subList(0, 30)) {
      jobs.add(
          ok(
                  api.postJson(
                      "/v1/collections/" + c + "/documents",
                      json(Map.of("text", document.text(), "sourceId", "cran-" + document.id()))),
                  202)
              .get("jobId")
              .getStringValue());
    }
    jobs.forEach(job -> assertThat(awaitJob(job)).isEqualTo("succeeded"));

    AtomicBoolean done = new AtomicBoolean();
    AtomicInteger searches = new AtomicInteger();
    List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
    List<String> mixed = java.util.Collections.synchronizedList(new ArrayList<>());
    Set<Integer> seen = ConcurrentHashMap.newKeySet();
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < 3; t++) {
      int offset = t;
      threads.add(
          Thread.ofPlatform()
              .start(() -> {
                int i = offset;
                while (!done.get()) {
                  var query = sample.queries().get(i++ % sample.queries().size()).text();
                  var response =
                      api.postJson(
                          "/v1/collections/" + c + "/search",
                          json(Map.of("query", query, "k", 10)));
                  searches.incrementAndGet();
                  if (response.statusCode() != 200) {
                    errors.add(response.statusCode() + " " + response.body());
                    continue;
                  }
                  Set<Integer> generations = new HashSet<>();
                  for (JsonNode hit : parse(response).get("results").values()) {
                    generations.add(hit.get("freshness").get("generation").getIntValue());
                  }
                  seen.addAll(generations);
                  if (generations.size() > 1) {
                    mixed.add(generations.toString());
                  }
                }
              }));
    }
    var started =
        ok(
            api.postJson(
                "/v1/collections/" + c + "/generations",
                "{\"settings\":{\"chunker\":{\"maxTokens\":64,\"overlap\":8}},\"promote\":\"auto\"}"),
            202);
    int generation = started.get("generation").getIntValue();
    assertThat(awaitGeneration(c, generation)).isEqualTo("active");
    Thread.sleep(1000);
    done.set(true);
    for (Thread thread : threads) {
      thread.join();
    }
    System.out.printf(
        "%d searches during the reindex, generations seen %s%n", searches.get(), seen);
    assertThat(errors).isEmpty();
    assertThat(mixed).isEmpty();
    assertThat(seen).contains(1, generation);
    var timeline = timelineKinds(c);
    assertThat(timeline).contains("reindex", "promote");

    // a new embedding model: the chunks are embedded again (not re-chunked), no upload needed,
    // and queries of the new generation are embedded with the new model
    var changed =
        ok(
            api.patchJson(
                "/v1/collections/" + c,
                "{\"embedding\":{\"model\":\"all-minilm-l6-v2\"},\"promote\":\"auto\"}"),
            202);
    int minilm = changed.get("generation").getIntValue();
    assertThat(awaitGeneration(c, minilm)).isEqualTo("active");
    var stats = parse(api.get("/v1/collections/" + c + "/generations/" + minilm)).get("stats");
    assertThat(stats.get("reembedded").getIntValue()).isEqualTo(30);
    assertThat(stats.get("rechunked")).isNull();
    var target = sample.documents().get(5);
    var hit = firstHit(c, target.title(), "vector");
    assertThat(hit.get("sourceId").getStringValue()).isEqualTo("cran-" + target.id());
    assertThat(hit.get("freshness").get("generation").getIntValue()).isEqualTo(minilm);
    assertThat(hit.get("freshness").get("stale").getBooleanValue()).isFalse();

    // ttl: every document is older than a second; the hits say stale and the webhook hears of it
    var ttl =
        ok(
            api.postJson(
                "/v1/collections/" + c + "/schedules",
                json(
                    Map.of(
                        "cron", "0 0 0 1 1 *",
                        "checks", List.of("ttl"),
                        "maxAge", "PT1S",
                        "onRegression", "alert",
                        "webhookUrl", sources.hookUrl().toString()))),
            201);
    Thread.sleep(1500);
    var report =
        ok(
            api.postJson(
                "/v1/collections/"
                    + c
                    + "/schedules/"
                    + ttl.get("id").getStringValue()
                    + ":trigger",
                "{}"),
            200);
    assertThat(finding(report, "ttl").get("expired").getIntValue()).isEqualTo(30);
    assertThat(report.get("action").getStringValue()).isEqualTo("alert");
    assertThat(sources.hooks())
        .anySatisfy(body -> assertThat(body).contains("\"collection\":\"load\""));
    assertThat(
            firstHit(c, target.title(), "vector").get("freshness").get("stale").getBooleanValue())
        .isTrue();
    assertThat(api.get("/prometheus").body())
        .contains("ragops_freshness_stale_documents{collection=\"" + c + "\"} 30.0");
    assertThat(timelineKinds(c).get(0)).isEqualTo("alert");
  }

  @Test
  void badRequestsAreRefusedNamingTheFieldAndChangeNothing() {
    String c = "strict";
    created(api.postJson("/v1/collections", "{\"name\":\"" + c + "\"}"));
    assertProblem(
        api.postJson(
            "/v1/collections/" + c + "/generations",
            "{\"settings\":{\"chunker\":{\"maxTokens\":4}}}"),
        400,
        "chunker.maxTokens");
    assertProblem(
        api.postJson(
            "/v1/collections/" + c + "/generations", "{\"settings\":{\"colour\":\"red\"}}"),
        400,
        "settings.colour");
    assertProblem(
        api.postJson("/v1/collections/" + c + "/generations", "{\"promote\":\"gate\"}"),
        400,
        "dataset is required");
    assertProblem(
        api.postJson(
            "/v1/collections/" + c + "/generations",
            "{\"settings\":{\"embedding\":{\"model\":\"no-such-model\"}}}"),
        400,
        "no-such-model");
    assertProblem(
        api.postJson(
            "/v1/collections/" + c + "/schedules", "{\"cron\":\"often\",\"checks\":[\"drift\"]}"),
        400,
        "cron");
    assertProblem(
        api.postJson(
            "/v1/collections/" + c + "/schedules",
            "{\"cron\":\"* * * * * *\",\"checks\":[\"drift\"]}"),
        400,
        "ragops.jobs.poll-interval");
    assertProblem(
        api.postJson(
            "/v1/collections/" + c + "/schedules",
            "{\"cron\":\"0 0 * * * *\",\"checks\":[\"eval\"]}"),
        400,
        "dataset is required");
    assertProblem(
        api.postJson("/v1/collections/" + c + "/generations/7:promote", "{}"), 404, "generation 7");
    assertProblem(
        api.postJson("/v1/collections/" + c + "/generations/1:rollback", "{}"),
        409,
        "no previous generation");
    assertProblem(
        api.postJson("/v1/collections/" + c + "/generations/1:promote", "{}"),
        409,
        "only a ready one");
    assertProblem(api.delete("/v1/collections/" + c + "/generations/1"), 409, "is active");
    assertProblem(api.get("/v1/collections/nope/timeline"), 404, "nope");
    assertProblem(api.get("/v1/collections/" + c + "/schedules/not-an-id"), 404, "not-an-id");
    assertProblem(api.get("/v1/collections/" + c + "/timeline?limit=0"), 400, "limit");
    assertThat(statuses(c)).isEqualTo(Map.of(1, "active"));
    assertThat(ok(api.get("/v1/collections/" + c + "/schedules"), 200).get("schedules").size())
        .isZero();
  }

  @Test
  void driftIsDetectedWhenChunksCannotFollowTheSettings() throws Exception {
    String c = "drift";
    created(api.postJson("/v1/collections", "{\"name\":\"" + c + "\"}"));
    for (var document : sample.documents().subList(0, 3)) {
      var job =
          ok(
                  api.postJson(
                      "/v1/collections/" + c + "/documents",
                      json(Map.of("text", document.text(), "sourceId", "cran-" + document.id()))),
                  202)
              .get("jobId")
              .getStringValue();
      assertThat(awaitJob(job)).isEqualTo("succeeded");
    }
    // as if ingested before texts were stored: a rebuild can only copy their chunks
    var dataSource =
        io.micronaut.data.connection.jdbc.advice.DelegatingDataSource.unwrapDataSource(
            context.getBean(javax.sql.DataSource.class));
    try (var connection = dataSource.getConnection();
        var delete = connection.createStatement()) {
      delete.executeUpdate("DELETE FROM document_texts");
      if (!connection.getAutoCommit()) {
        connection.commit();
      }
    }
    var started =
        ok(
            api.postJson(
                "/v1/collections/" + c + "/generations",
                "{\"settings\":{\"chunker\":{\"maxTokens\":64,\"overlap\":8}},\"promote\":\"auto\"}"),
            202);
    int generation = started.get("generation").getIntValue();
    assertThat(awaitGeneration(c, generation)).isEqualTo("active");
    var stats = parse(api.get("/v1/collections/" + c + "/generations/" + generation)).get("stats");
    assertThat(stats.get("missing_text").getIntValue()).isEqualTo(3);

    var schedule =
        ok(
            api.postJson(
                "/v1/collections/" + c + "/schedules",
                "{\"cron\":\"0 0 0 1 1 *\",\"checks\":[\"drift\"],\"onRegression\":\"alert\"}"),
            201);
    var report =
        ok(
            api.postJson(
                "/v1/collections/"
                    + c
                    + "/schedules/"
                    + schedule.get("id").getStringValue()
                    + ":trigger",
                "{}"),
            200);
    var drift = finding(report, "drift");
    assertThat(drift.get("drifted").getIntValue()).isEqualTo(3);
    assertThat(drift.get("causes").get("chunker").getIntValue()).isEqualTo(3);
    assertThat(report.get("action").getStringValue()).isEqualTo("alert");
    var hit = firstHit(c, sample.documents().get(0).title(), "keyword");
    assertThat(hit.get("freshness").get("stale").getBooleanValue()).isTrue();
  }

  // --- helpers

  private void assertProblem(HttpResponse<String> response, int status, String mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).contains("problem+json");
    assertThat(response.body()).contains(mentions);
  }

  private String awaitJob(String jobId) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      var job = parse(api.get("/v1/jobs/" + jobId));
      String status = job.get("status").getStringValue();
      if (status.equals("succeeded") || status.equals("failed")) {
        return status;
      }
      assertThat(System.nanoTime()).as("job %s still %s", jobId, status).isLessThan(deadline);
      sleep(100);
    }
  }

  private JsonNode awaitEval(String collection, String id) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      var run = parse(api.get("/v1/collections/" + collection + "/evals/" + id));
      String status = run.get("status").getStringValue();
      if (status.equals("succeeded")) {
        return run;
      }
      assertThat(status).as(run.toString()).isNotEqualTo("failed");
      assertThat(System.nanoTime()).as("eval %s still %s", id, status).isLessThan(deadline);
      sleep(200);
    }
  }

  private String awaitGeneration(String collection, int generation) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      var view = parse(api.get("/v1/collections/" + collection + "/generations/" + generation));
      String status = view.get("status").getStringValue();
      if (!status.equals("building") && !status.equals("ready")) {
        return status;
      }
      assertThat(System.nanoTime())
          .as("generation %s still %s", generation, status)
          .isLessThan(deadline);
      sleep(200);
    }
  }

  private Map<Integer, String> statuses(String collection) {
    Map<Integer, String> statuses = new HashMap<>();
    for (JsonNode g :
        parse(api.get("/v1/collections/" + collection + "/generations"))
            .get("generations")
            .values()) {
      statuses.put(g.get("generation").getIntValue(), g.get("status").getStringValue());
    }
    return statuses;
  }

  private JsonNode firstHit(String collection, String query, String mode) {
    var response =
        api.postJson(
            "/v1/collections/" + collection + "/search",
            json(Map.of("query", query, "k", 5, "mode", mode)));
    var results = ok(response, 200).get("results");
    assertThat(results.size()).as(response.body()).isPositive();
    return results.get(0);
  }

  private List<String> sourceIds(String collection, String query, String mode) {
    var response =
        api.postJson(
            "/v1/collections/" + collection + "/search",
            json(Map.of("query", query, "k", 10, "mode", mode)));
    List<String> ids = new ArrayList<>();
    for (JsonNode hit : ok(response, 200).get("results").values()) {
      ids.add(hit.get("sourceId").getStringValue());
    }
    return ids;
  }

  private List<String> timelineKinds(String collection) {
    List<String> kinds = new ArrayList<>();
    String previous = null;
    for (JsonNode event :
        ok(api.get("/v1/collections/" + collection + "/timeline"), 200).get("events").values()) {
      kinds.add(event.get("kind").getStringValue());
      String at = event.get("at").getStringValue();
      if (previous != null) {
        assertThat(java.time.Instant.parse(at))
            .isBeforeOrEqualTo(java.time.Instant.parse(previous));
      }
      previous = at;
    }
    return kinds;
  }

  private JsonNode newest(String collection, String kind) {
    for (JsonNode event :
        ok(api.get("/v1/collections/" + collection + "/timeline"), 200).get("events").values()) {
      if (event.get("kind").getStringValue().equals(kind)) {
        return event;
      }
    }
    throw new AssertionError("no " + kind + " event on the timeline of " + collection);
  }

  private static JsonNode finding(JsonNode report, String check) {
    for (JsonNode finding : report.get("findings").values()) {
      if (finding.get("check").getStringValue().equals(check)) {
        return finding;
      }
    }
    throw new AssertionError("no " + check + " finding in " + report);
  }

  private static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (JsonNode value : array.values()) {
      values.add(value.getStringValue());
    }
    return values;
  }

  private void created(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private JsonNode ok(HttpResponse<String> response, Integer... statuses) {
    assertThat(response.statusCode()).as(response.body()).isIn((Object[]) statuses);
    return parse(response);
  }

  JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  private String json(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
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
