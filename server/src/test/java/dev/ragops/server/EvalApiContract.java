package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.eval.EvalRuns;
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
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Golden sets, eval runs and traces over HTTP, end to end with the real parser, model and stores,
 * on a slice of Cranfield. Each storage mode runs the same contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class EvalApiContract {

  private static final Path CRANFIELD = Path.of("/work/shared/datasets/cranfield");
  private static final Duration TIMEOUT = Duration.ofSeconds(300);

  /** The Cranfield queries of the slice: each with its judged documents, plus distractors. */
  private static final List<String> QUERIES = List.of("1", "2", "4", "8", "9", "13");

  private ApplicationContext context;
  private JsonMapper json;
  ApiClient api;
  private final Map<String, String> queryText = new LinkedHashMap<>();
  private final Map<String, Map<String, Integer>> qrels = new LinkedHashMap<>();

  /** The ingested slice: source id to title and text. */
  private final Map<String, String[]> slice = new LinkedHashMap<>();

  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  @BeforeAll
  void start() throws IOException {
    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-eval-it").toString());
    properties.put("ragops.traces.sample-rate", 1.0);
    context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    json = context.getBean(JsonMapper.class);
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
    ingestCranfieldSlice();
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  private void ingestCranfieldSlice() throws IOException {
    for (String line : Files.readAllLines(CRANFIELD.resolve("queries.jsonl"))) {
      var query = json.readValue(line, JsonNode.class);
      if (QUERIES.contains(query.get("_id").getStringValue())) {
        queryText.put(query.get("_id").getStringValue(), query.get("text").getStringValue());
      }
    }
    Set<String> wanted = new LinkedHashSet<>();
    for (String line : Files.readAllLines(CRANFIELD.resolve("qrels/test.tsv"))) {
      String[] f = line.split("\t");
      if (QUERIES.contains(f[0]) && Integer.parseInt(f[2]) >= 1) {
        qrels.computeIfAbsent(f[0], q -> new LinkedHashMap<>()).put(f[1], Integer.parseInt(f[2]));
        wanted.add(f[1]);
      }
    }
    for (int i = 1; i <= 30; i++) {
      wanted.add(String.valueOf(i)); // distractors
    }
    createCollection("cran");
    List<String> jobs = new ArrayList<>();
    for (String line : Files.readAllLines(CRANFIELD.resolve("corpus.jsonl"))) {
      var doc = json.readValue(line, JsonNode.class);
      String id = doc.get("_id").getStringValue();
      if (wanted.contains(id) && !doc.get("text").getStringValue().isBlank()) {
        slice.put(
            id, new String[] {doc.get("title").getStringValue(), doc.get("text").getStringValue()});
        jobs.add(
            upload(
                "cran", id, doc.get("title").getStringValue(), doc.get("text").getStringValue()));
      }
    }
    jobs.forEach(this::awaitJob);
  }

  // ---- helpers

  JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void createCollection(String name) {
    var created = api.postJson("/v1/collections", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  /** Uploads a text document and returns its job id. */
  String upload(String collection, String sourceId, String title, String text) {
    var response =
        api.postJson(
            "/v1/collections/" + collection + "/documents",
            write(Map.of("sourceId", sourceId, "title", title, "text", text)));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return parse(response).get("jobId").getStringValue();
  }

  void awaitJob(String jobId) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      var job = parse(api.get("/v1/jobs/" + jobId));
      String status = job.get("status").getStringValue();
      if (status.equals("succeeded")) {
        return;
      }
      assertThat(status).as(job.toString()).isNotEqualTo("failed");
      assertThat(System.nanoTime()).as("job %s still %s", jobId, status).isLessThan(deadline);
      SliceContract.sleep(100);
    }
  }

  JsonNode post(String path, Object body, int expectedStatus) {
    var response = api.postJson(path, body instanceof String s ? s : write(body));
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(expectedStatus);
    return response.body().isEmpty() ? null : parse(response);
  }

  JsonNode get(String path) {
    var response = api.get(path);
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(200);
    return parse(response);
  }

  JsonNode awaitRun(String collection, String runId) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (true) {
      var run = get("/v1/collections/" + collection + "/evals/" + runId);
      String status = run.get("status").getStringValue();
      if (status.equals("succeeded") || status.equals("failed")) {
        return run;
      }
      assertThat(System.nanoTime()).as("run %s still %s", runId, status).isLessThan(deadline);
      SliceContract.sleep(200);
    }
  }

  static List<String> strings(JsonNode array) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      values.add(array.get(i).getStringValue());
    }
    return values;
  }

  void assertProblem(HttpResponse<String> response, int status, String mentions) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse(""))
        .startsWith("application/problem+json");
    assertThat(parse(response).get("detail").getStringValue()).contains(mentions);
  }

  /** The slice's Cranfield queries as a dataset import body. */
  Map<String, Object> cranfieldDataset(String name) {
    List<Object> cases = new ArrayList<>();
    queryText.forEach((id, text) -> {
      List<Object> relevant = new ArrayList<>();
      qrels.get(id).forEach((doc, grade) -> relevant.add(Map.of("sourceId", doc, "grade", grade)));
      cases.add(Map.of("query", text, "relevant", relevant));
    });
    return Map.of("name", name, "description", "Cranfield slice", "cases", cases);
  }

  // ---- golden sets and lineage

  @Test
  void aChangedOrDeletedDocumentMakesItsCasesStaleUntilConfirmed() {
    createCollection("lineage");
    awaitJob(upload("lineage", "wing.txt", "Wings", "Swept wings delay the onset of shock waves."));
    awaitJob(upload("lineage", "heat.txt", "Heat", "Heat conduction in composite slabs."));
    post("/v1/collections/lineage/datasets", Map.of("name", "review"), 201);
    String chunkId =
        parse(api.postJson("/v1/collections/lineage/search", "{\"query\":\"composite slabs\"}"))
            .get("results")
            .get(0)
            .get("chunkId")
            .getStringValue();
    var wingCase =
        post(
            "/v1/collections/lineage/datasets/review/cases",
            Map.of(
                "query", "why sweep a wing",
                "relevant", List.of(Map.of("sourceId", "wing.txt", "grade", 2)),
                "referenceAnswer", "To delay shock waves."),
            201);
    var heatCase =
        post(
            "/v1/collections/lineage/datasets/review/cases",
            Map.of(
                "query", "slab heat conduction", "relevant", List.of(Map.of("chunkId", chunkId))),
            201);
    assertThat(wingCase.get("stale").getBooleanValue()).isFalse();
    assertThat(heatCase.get("relevant").get(0).get("sourceId").getStringValue())
        .isEqualTo("heat.txt");
    var dataset = get("/v1/collections/lineage/datasets").get("datasets").get(0);
    assertThat(dataset.get("cases").getIntValue()).isEqualTo(2);
    assertThat(dataset.get("staleCases").getIntValue()).isZero();
    String oldHash = wingCase.get("relevant").get(0).get("contentHash").getStringValue();

    awaitJob(upload("lineage", "wing.txt", "Wings", "Swept wings raise the critical Mach number."));

    var stale = get("/v1/collections/lineage/datasets/review/cases?stale=true").get("cases");
    assertThat(stale.size()).isEqualTo(1);
    assertThat(stale.get(0).get("id").getStringValue())
        .isEqualTo(wingCase.get("id").getStringValue());
    assertThat(stale.get(0).get("relevant").get(0).get("status").getStringValue())
        .isEqualTo("changed");
    assertThat(
            get("/v1/collections/lineage/datasets")
                .get("datasets")
                .get(0)
                .get("staleCases")
                .getIntValue())
        .isEqualTo(1);

    String wingId = wingCase.get("id").getStringValue();
    var confirmed =
        post("/v1/collections/lineage/datasets/review/cases/" + wingId + ":confirm", "{}", 200);
    assertThat(confirmed.get("stale").getBooleanValue()).isFalse();
    assertThat(confirmed.get("relevant").get(0).get("contentHash").getStringValue())
        .isNotEqualTo(oldHash);
    assertThat(confirmed.get("relevant").get(0).get("grade").getIntValue()).isEqualTo(2);
    assertThat(get("/v1/collections/lineage/datasets/review/cases?stale=true").get("cases").size())
        .isZero();

    String heatDocument =
        parse(api.postJson("/v1/collections/lineage/search", "{\"query\":\"composite slabs\"}"))
            .get("results")
            .get(0)
            .get("documentId")
            .getStringValue();
    assertThat(api.delete("/v1/collections/lineage/documents/" + heatDocument).statusCode())
        .isEqualTo(204);
    var gone = get("/v1/collections/lineage/datasets/review/cases?stale=true").get("cases");
    assertThat(gone.size()).isEqualTo(1);
    assertThat(gone.get(0).get("relevant").get(0).get("status").getStringValue())
        .isEqualTo("deleted");
    String heatId = heatCase.get("id").getStringValue();
    assertProblem(
        api.postJson("/v1/collections/lineage/datasets/review/cases/" + heatId + ":confirm", "{}"),
        409,
        "gone");

    assertThat(api.delete("/v1/collections/lineage/datasets/review/cases/" + heatId).statusCode())
        .isEqualTo(204);
    assertThat(api.delete("/v1/collections/lineage/datasets/review/cases/" + heatId).statusCode())
        .isEqualTo(404);
    assertThat(get("/v1/collections/lineage/datasets/review/cases").get("cases").size())
        .isEqualTo(1);
    assertThat(api.delete("/v1/collections/lineage/datasets/review").statusCode()).isEqualTo(204);
    assertThat(get("/v1/collections/lineage/datasets").get("datasets").size()).isZero();
  }

  @Test
  void loggedSearchesBecomeCasesJudgingTheirResults() {
    post("/v1/collections/cran/datasets", Map.of("name", "from-log"), 201);
    var search =
        post(
            "/v1/collections/cran/search",
            Map.of("query", "heat conduction in slabs", "k", 3),
            200);
    String queryId = search.get("queryId").getStringValue();
    List<String> shown = new ArrayList<>();
    for (int i = 0; i < search.get("results").size(); i++) {
      String sourceId = search.get("results").get(i).get("sourceId").getStringValue();
      if (!shown.contains(sourceId)) {
        shown.add(sourceId);
      }
    }

    var promoted =
        post(
            "/v1/collections/cran/datasets/from-log/cases:fromQueries",
            Map.of("queryIds", List.of(queryId)),
            201);

    var promotedCase = promoted.get("cases").get(0);
    assertThat(promotedCase.get("query").getStringValue()).isEqualTo("heat conduction in slabs");
    assertThat(promotedCase.get("origin").getStringValue()).isEqualTo("query-log");
    assertThat(promotedCase.get("originId").getStringValue()).isEqualTo(queryId);
    List<String> judged = new ArrayList<>();
    for (int i = 0; i < promotedCase.get("relevant").size(); i++) {
      judged.add(promotedCase.get("relevant").get(i).get("sourceId").getStringValue());
    }
    assertThat(judged).containsExactlyElementsOf(shown);

    assertProblem(
        api.postJson(
            "/v1/collections/cran/datasets/from-log/cases:fromQueries",
            write(Map.of("queryIds", List.of(queryId, "00000000-0000-0000-0000-000000000000")))),
        404,
        "queryIds[1]");
    assertThat(get("/v1/collections/cran/datasets/from-log/cases").get("cases").size())
        .isEqualTo(1);
  }

  // ---- eval runs

  @Test
  void evalRunsScoreTheGoldenSetAndCompare() {
    var imported =
        post("/v1/collections/cran/datasets:import", cranfieldDataset("cran-slice"), 201);
    assertThat(imported.get("cases").getIntValue()).isEqualTo(QUERIES.size());

    var queued =
        post(
            "/v1/collections/cran/evals",
            Map.of("dataset", "cran-slice", "mode", "keyword", "k", 100),
            202);
    assertThat(queued.get("status").getStringValue()).isIn("queued", "running", "succeeded");
    var keyword = awaitRun("cran", queued.get("id").getStringValue());
    assertThat(keyword.get("status").getStringValue())
        .as(keyword.toString())
        .isEqualTo("succeeded");
    assertThat(keyword.get("trigger").getStringValue()).isEqualTo("manual");
    assertThat(keyword.get("generation").getIntValue()).isEqualTo(1);
    assertThat(keyword.get("settings").get("mode").getStringValue()).isEqualTo("keyword");
    assertThat(keyword.get("settings").get("embeddingModel").getStringValue()).isNotBlank();
    var metrics = keyword.get("metrics");
    for (String metric : List.of("ndcg@10", "recall@100", "mrr@10", "map", "p@10", "rprec")) {
      assertThat(metrics.get(metric).getDoubleValue()).as(metric).isBetween(0.0, 1.0);
    }
    // every judged document is in the slice, so BM25 finds most of them
    assertThat(metrics.get("recall@100").getDoubleValue()).isGreaterThan(0.5);
    assertThat(metrics.get("ndcg@10").getDoubleValue()).isGreaterThan(0.2);
    var queries = keyword.get("queries");
    assertThat(queries.size()).isEqualTo(QUERIES.size());

    // the run ranks as the public search API does
    var first = queries.get(0);
    var search =
        post(
            "/v1/collections/cran/search",
            Map.of("query", first.get("query").getStringValue(), "mode", "keyword", "k", 5),
            200);
    assertThat(strings(first.get("retrieved")).get(0))
        .isEqualTo(search.get("results").get(0).get("sourceId").getStringValue());

    var vector =
        awaitRun(
            "cran",
            post(
                    "/v1/collections/cran/evals",
                    Map.of("dataset", "cran-slice", "mode", "vector"),
                    202)
                .get("id")
                .getStringValue());
    assertThat(vector.get("status").getStringValue()).isEqualTo("succeeded");

    var runs = get("/v1/collections/cran/evals?limit=2").get("runs");
    assertThat(runs.size()).isEqualTo(2);
    assertThat(runs.get(0).get("id").getStringValue()).isEqualTo(vector.get("id").getStringValue());
    assertThat(runs.get(0).get("queries")).isNull();

    var comparison =
        get(
            "/v1/collections/cran/evals/"
                + keyword.get("id").getStringValue()
                + "/compare?with="
                + vector.get("id").getStringValue());
    double expected =
        vector.get("metrics").get("ndcg@10").getDoubleValue()
            - keyword.get("metrics").get("ndcg@10").getDoubleValue();
    assertThat(comparison.get("deltas").get("ndcg@10").getDoubleValue())
        .isCloseTo(expected, org.assertj.core.data.Offset.offset(1e-9));
    assertThat(
            comparison.get("wins").size()
                + comparison.get("losses").size()
                + comparison.get("ties").getIntValue())
        .isEqualTo(QUERIES.size());
    for (int i = 0; i < comparison.get("wins").size(); i++) {
      assertThat(comparison.get("wins").get(i).get("delta").getDoubleValue()).isPositive();
    }
    for (int i = 0; i < comparison.get("losses").size(); i++) {
      assertThat(comparison.get("losses").get(i).get("delta").getDoubleValue()).isNegative();
    }

    var gate =
        context
            .getBean(EvalRuns.class)
            .runNow("cran", "cran-slice", 1, Map.of("mode", "hybrid"), "gate");
    assertThat(gate.status()).isEqualTo("succeeded");
    assertThat(gate.metrics()).containsKeys("ndcg@10", "recall@100", "mrr@10", "map");
    var stored = get("/v1/collections/cran/evals/" + gate.id());
    assertThat(stored.get("trigger").getStringValue()).isEqualTo("gate");
    assertThat(stored.get("metrics").get("ndcg@10").getDoubleValue())
        .isEqualTo(gate.metrics().get("ndcg@10"));
  }

  // ---- tuning

  @Test
  void tuningStoresTheFusionOnlyWhenItGainsOnHeldOutCases() {
    createCollection("tuned");
    var body = new LinkedHashMap<>(cranfieldDataset("tune-set"));
    // the same documents as "cran", in a collection of its own so the defaults touch nothing else
    List<String> jobs = new ArrayList<>();
    for (var entry : slice.entrySet()) {
      jobs.add(upload("tuned", entry.getKey(), entry.getValue()[0], entry.getValue()[1]));
    }
    jobs.forEach(this::awaitJob);
    post("/v1/collections/tuned/datasets:import", body, 201);

    var queued =
        post("/v1/collections/tuned/evals:tune", Map.of("dataset", "tune-set", "folds", 3), 202);
    assertThat(queued.get("status").getStringValue()).isIn("queued", "running", "succeeded");
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode tuning;
    while (true) {
      tuning = get("/v1/collections/tuned/tunings/" + queued.get("id").getStringValue());
      String status = tuning.get("status").getStringValue();
      if (status.equals("succeeded") || status.equals("failed")) {
        break;
      }
      assertThat(System.nanoTime()).as("tuning still %s", status).isLessThan(deadline);
      SliceContract.sleep(200);
    }
    assertThat(tuning.get("status").getStringValue()).as(tuning.toString()).isEqualTo("succeeded");
    var report = tuning.get("report");

    assertThat(report.get("cases").getIntValue()).isEqualTo(QUERIES.size());
    assertThat(report.get("perFold").size()).isEqualTo(3);
    assertThat(report.get("tuned").get("fusion").getStringValue()).isEqualTo("weighted");
    assertThat(report.get("baseline").get("mode").getStringValue()).isEqualTo("hybrid");
    double gain = report.get("heldOutGain").getDoubleValue();
    assertThat(gain)
        .isCloseTo(
            report.get("heldOutTuned").getDoubleValue()
                - report.get("heldOutBaseline").getDoubleValue(),
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(report.get("applied").getBooleanValue()).isEqualTo(gain > 0);

    post("/v1/collections/tuned/search", Map.of("query", "slipstream lift"), 200);
    var logged = get("/v1/collections/tuned/queries?limit=1").get("queries").get(0);
    var run =
        awaitRun(
            "tuned",
            post("/v1/collections/tuned/evals", Map.of("dataset", "tune-set"), 202)
                .get("id")
                .getStringValue());
    if (gain > 0) {
      // searches and runs that name no fusion now use the tuned one
      assertThat(logged.get("parameters").get("fusion").getStringValue()).isEqualTo("weighted");
      assertThat(run.get("settings").get("weights").get("keyword").getDoubleValue())
          .isEqualTo(report.get("tuned").get("weights").get("keyword").getDoubleValue());
    } else {
      assertThat(logged.get("parameters").get("fusion")).isNull();
      assertThat(run.get("settings").get("fusion")).isNull();
    }
    // the learned rerank model is fitted on the same folds, next to the fusion
    assertThat(report.get("targets").size()).isEqualTo(2);
    var learned = report.get("learned");
    double learnedGain = learned.get("heldOutGain").getDoubleValue();
    assertThat(learnedGain)
        .isCloseTo(
            learned.get("heldOutLearned").getDoubleValue()
                - learned.get("heldOutBaseline").getDoubleValue(),
            org.assertj.core.data.Offset.offset(1e-9));
    assertThat(learned.get("perFold").size()).isEqualTo(3);
    assertThat(learned.get("model").get("features").size()).isEqualTo(7);
    assertThat(learned.get("applied").getBooleanValue())
        .as("learned gain %s", learnedGain)
        .isEqualTo(learnedGain > 0);
    if (learnedGain > 0) {
      var hits =
          post(
                  "/v1/collections/tuned/search",
                  Map.of("query", "slipstream lift", "rerank", Map.of("type", "learned")),
                  200)
              .get("results");
      assertThat(hits.size()).isPositive();
      assertThat(hits.get(0).get("scores").get("rerank").getDoubleValue())
          .isEqualTo(hits.get(0).get("score").getDoubleValue());
    } else {
      assertProblem(
          api.postJson(
              "/v1/collections/tuned/search",
              "{\"query\":\"lift\",\"rerank\":{\"type\":\"learned\"}}"),
          400,
          "rerank.type learned");
    }
    assertProblem(
        api.postJson("/v1/collections/tuned/evals:tune", "{\"dataset\":\"tune-set\",\"folds\":99}"),
        400,
        "folds");
    assertProblem(
        api.postJson(
            "/v1/collections/tuned/evals:tune",
            "{\"dataset\":\"tune-set\",\"targets\":[\"clicks\"]}"),
        400,
        "targets");
    assertProblem(api.get("/v1/collections/tuned/tunings/nope"), 404, "nope");
  }

  // ---- traces

  @Test
  void tracesAreStoredAndScoredInTheBackground() {
    var contextTrace =
        post(
            "/v1/collections/cran/traces",
            Map.of(
                "question", "What does a propeller slipstream do to a wing?",
                "answer",
                    "The slipstream increases the lift of the wing. It was first measured on Mars.",
                "contexts",
                    List.of(
                        "An experimental study of a wing in a propeller slipstream was made to"
                            + " determine the spanwise distribution of the lift increase due to"
                            + " slipstream.")),
            202);
    assertThat(contextTrace.get("status").getStringValue()).isEqualTo("pending");
    var hit =
        post("/v1/collections/cran/search", Map.of("query", "wing in a propeller slipstream"), 200)
            .get("results")
            .get(0);
    var chunkTrace =
        post(
            "/v1/collections/cran/traces",
            Map.of(
                "question", "slipstream",
                "answer", "Slipstream raises lift.",
                "chunkIds", List.of(hit.get("chunkId").getStringValue())),
            202);

    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    JsonNode traces;
    while (true) {
      traces = get("/v1/collections/cran/traces?limit=10").get("traces");
      boolean done = true;
      for (int i = 0; i < traces.size(); i++) {
        done &= !traces.get(i).get("status").getStringValue().equals("pending");
      }
      if (done) {
        break;
      }
      assertThat(System.nanoTime()).as("traces still pending").isLessThan(deadline);
      SliceContract.sleep(200);
    }
    assertThat(traces.size()).isEqualTo(2);
    var newest = traces.get(0);
    assertThat(newest.get("id").getStringValue()).isEqualTo(chunkTrace.get("id").getStringValue());
    assertThat(strings(newest.get("contexts"))).containsExactly(hit.get("text").getStringValue());
    var scored = traces.get(1);
    assertThat(scored.get("id").getStringValue())
        .isEqualTo(contextTrace.get("id").getStringValue());
    assertThat(scored.get("status").getStringValue()).isEqualTo("scored");
    assertThat(scored.get("judge").getStringValue()).isEqualTo("offline");
    assertThat(scored.get("score").getDoubleValue()).isBetween(0.0, 1.0);
    var sentences = scored.get("sentences");
    assertThat(sentences.size()).isEqualTo(2);
    assertThat(sentences.get(1).get("supported").getBooleanValue()).isFalse();

    String prometheus = api.get("/prometheus").body();
    assertThat(prometheus).contains("ragops_traces_faithfulness_count{collection=\"cran\"");

    assertProblem(
        api.postJson(
            "/v1/collections/cran/traces",
            write(Map.of("answer", "x", "contexts", List.of("a"), "chunkIds", List.of("b")))),
        400,
        "exactly one");
    assertProblem(
        api.postJson(
            "/v1/collections/cran/traces",
            write(Map.of("answer", "x", "chunkIds", List.of("not-a-chunk")))),
        400,
        "chunkIds[0]");
    assertProblem(
        api.postJson(
            "/v1/collections/cran/traces", write(Map.of("answer", " ", "contexts", List.of("a")))),
        400,
        "answer");
    assertProblem(
        api.postJson(
            "/v1/collections/nope/traces", write(Map.of("answer", "x", "contexts", List.of("a")))),
        404,
        "nope");
    assertThat(get("/v1/collections/cran/traces").get("traces").size()).isEqualTo(2);
  }

  // ---- bad input

  @Test
  void badRequestsAreProblemsAndChangeNothing() {
    createCollection("strict");
    awaitJob(upload("strict", "a.txt", "A", "Boundary layer transition on flat plates."));
    post("/v1/collections/strict/datasets", Map.of("name", "set"), 201);

    assertProblem(
        api.postJson("/v1/collections/strict/datasets", "{\"name\":\"has spaces\"}"), 400, "name");
    assertProblem(
        api.postJson("/v1/collections/strict/datasets", "{\"name\":\"set\"}"), 409, "set");
    assertProblem(api.postJson("/v1/collections/nope/datasets", "{\"name\":\"x\"}"), 404, "nope");
    assertProblem(
        api.postJson(
            "/v1/collections/strict/datasets/set/cases",
            "{\"query\":\"q\",\"relevant\":[{\"sourceId\":\"missing.txt\"}]}"),
        400,
        "relevant[0].sourceId");
    assertProblem(
        api.postJson(
            "/v1/collections/strict/datasets/set/cases",
            "{\"query\":\"q\",\"relevant\":[{\"sourceId\":\"a.txt\",\"grade\":0}]}"),
        400,
        "grade >= 1");
    assertProblem(
        api.postJson(
            "/v1/collections/strict/datasets/set/cases",
            "{\"query\":\" \",\"relevant\":[{\"sourceId\":\"a.txt\"}]}"),
        400,
        "query");
    assertProblem(
        api.postJson(
            "/v1/collections/strict/datasets/other/cases",
            "{\"query\":\"q\",\"relevant\":[{\"sourceId\":\"a.txt\"}]}"),
        404,
        "other");
    assertProblem(
        api.postJson("/v1/collections/strict/evals", "{\"dataset\":\"set\"}"), 400, "no cases");
    post(
        "/v1/collections/strict/datasets/set/cases",
        Map.of("query", "flat plate transition", "relevant", List.of(Map.of("sourceId", "a.txt"))),
        201);
    assertProblem(
        api.postJson("/v1/collections/strict/evals", "{\"dataset\":\"nope\"}"), 404, "nope");
    assertProblem(api.postJson("/v1/collections/strict/evals", "{}"), 400, "dataset");
    assertProblem(
        api.postJson("/v1/collections/strict/evals", "{\"dataset\":\"set\",\"mode\":\"fuzzy\"}"),
        400,
        "mode");
    assertProblem(
        api.postJson("/v1/collections/strict/evals", "{\"dataset\":\"set\",\"k\":0}"), 400, "k");
    assertProblem(
        api.postJson("/v1/collections/strict/evals", "{\"dataset\":\"set\",\"colour\":\"red\"}"),
        400,
        "colour");
    assertProblem(
        api.postJson("/v1/collections/strict/evals", "{\"dataset\":\"set\",\"generation\":0}"),
        400,
        "generation");
    assertThat(get("/v1/collections/strict/evals").get("runs").size()).isZero();
    assertProblem(api.get("/v1/collections/strict/evals/not-a-run"), 404, "not-a-run");
    assertProblem(api.get("/v1/collections/nope/evals"), 404, "nope");
    assertThat(get("/v1/collections/strict/datasets/set/cases").get("cases").size()).isEqualTo(1);
  }
}
