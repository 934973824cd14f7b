package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.eval.EvalRunJob;
import dev.ragops.testkit.TestSeed;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.SQLException;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.jobrunr.jobs.states.ProcessingState;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Eval runs, tunings and trace scoring on the shared job engine, across nodes sharing one
 * PostgreSQL, with the real parser, model and judge: a node of role {@code api} only stores and
 * enqueues them, a {@code worker} node runs them; a worker process killed with {@code kill -9}
 * mid-run has its run finished by another worker once its lease expires; a run's job made again (as
 * after its worker died) leaves one result set, and a run whose job keeps being started without
 * finishing ends failed with the reason.
 */
class EvalJobsIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  @Test
  void anApiNodeEnqueuesEvalWorkThatAWorkerNodeRuns() throws SQLException {
    long seed = SEED.value();
    try (var cluster = new Cluster()) {
      var api = cluster.node("api", Map.of());
      var worker = cluster.node("worker", Map.of());
      assertThat(api.getBean(JobServer.class).running()).isFalse();
      String collection = Cluster.newCollection(api);
      var documents = GeneratedCorpus.documents("eval", 6, 12, seed);
      cluster.awaitJobs(Cluster.upload(api, collection, documents, 6), TIMEOUT);
      var cases = goldenCases(documents);
      post(
          api,
          "/v1/collections/" + collection + "/datasets:import",
          Map.of("name", "golden", "cases", cases),
          201);

      String runId =
          post(api, "/v1/collections/" + collection + "/evals", Map.of("dataset", "golden"), 202)
              .get("id")
              .getStringValue();
      var run = awaitEnd(api, "/v1/collections/" + collection + "/evals/" + runId);
      assertThat(run.get("status").getStringValue()).as(run.toString()).isEqualTo("succeeded");
      assertThat(run.get("queries").size()).isEqualTo(cases.size());
      assertThat(run.get("metrics").get("ndcg@10").getDoubleValue()).isBetween(0.0, 1.0);
      assertThat(servers(api, runId)).containsExactly(worker.getBean(JobServer.class).serverId());

      String tuningId =
          post(
                  api,
                  "/v1/collections/" + collection + "/evals:tune",
                  Map.of("dataset", "golden", "folds", 2, "targets", List.of("fusion")),
                  202)
              .get("id")
              .getStringValue();
      var tuning = awaitEnd(api, "/v1/collections/" + collection + "/tunings/" + tuningId);
      assertThat(tuning.get("status").getStringValue())
          .as(tuning.toString())
          .isEqualTo("succeeded");
      assertThat(tuning.get("report").get("cases").getIntValue()).isEqualTo(cases.size());
      assertThat(servers(api, tuningId))
          .containsExactly(worker.getBean(JobServer.class).serverId());

      String traceId =
          post(
                  api,
                  "/v1/collections/" + collection + "/traces",
                  Map.of(
                      "question", "What is document zero about?",
                      "answer", firstSentence(documents.get(0).text()),
                      "contexts", List.of(documents.get(0).text())),
                  202)
              .get("id")
              .getStringValue();
      Cluster.await(
          () -> !traceStatus(api, collection).equals("pending"),
          TIMEOUT,
          () -> "trace still pending");
      assertThat(traceStatus(api, collection)).isEqualTo("scored");
      assertThat(servers(api, traceId)).containsExactly(worker.getBean(JobServer.class).serverId());
    }
  }

  @Test
  void aRunWhoseJobIsMadeAgainKeepsOneResultSetAndGivesUpAfterItsAttempts() throws SQLException {
    long seed = SEED.value();
    try (var cluster = new Cluster()) {
      var node =
          cluster.node(
              "all",
              Map.of("ragops.evals.sweep-interval", "1s", "ragops.evals.requeue-after", "5s"));
      String collection = Cluster.newCollection(node);
      var documents = GeneratedCorpus.documents("again", 4, 10, seed);
      cluster.awaitJobs(Cluster.upload(node, collection, documents, 4), TIMEOUT);
      var cases = goldenCases(documents);
      post(
          node,
          "/v1/collections/" + collection + "/datasets:import",
          Map.of("name", "golden", "cases", cases),
          201);
      String path = "/v1/collections/" + collection + "/evals/";
      String runId =
          post(node, "/v1/collections/" + collection + "/evals", Map.of("dataset", "golden"), 202)
              .get("id")
              .getStringValue();
      var first = awaitEnd(node, path + runId);
      assertThat(first.get("status").getStringValue()).isEqualTo("succeeded");
      var job = node.getBean(EvalRunJob.class);

      // stored, but its node died before handing it to the engine: the sweeper hands it over; a
      // tuning (whose parameters lived only in its job) ends failed, saying to start it again
      String orphan = UUID.randomUUID().toString();
      try (var connection = cluster.connect();
          var copy =
              connection.prepareStatement(
                  "INSERT INTO eval_runs (id, collection_id, dataset_name, status, trigger_kind,"
                      + " generation, settings, created_at) SELECT ?, collection_id, dataset_name,"
                      + " 'queued', trigger_kind, generation, settings, ? FROM eval_runs"
                      + " WHERE id = ?")) {
        copy.setObject(1, UUID.fromString(orphan));
        copy.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        copy.setObject(3, UUID.fromString(runId));
        assertThat(copy.executeUpdate()).isEqualTo(1);
      }
      String orphanTuning = UUID.randomUUID().toString();
      try (var connection = cluster.connect();
          var insert =
              connection.prepareStatement(
                  "INSERT INTO eval_tunings (id, collection_id, dataset_name, status, created_at)"
                      + " SELECT ?, collection_id, dataset_name, 'queued', ? FROM eval_runs"
                      + " WHERE id = ?")) {
        insert.setObject(1, UUID.fromString(orphanTuning));
        insert.setObject(2, OffsetDateTime.now(ZoneOffset.UTC).minusMinutes(1));
        insert.setObject(3, UUID.fromString(runId));
        assertThat(insert.executeUpdate()).isEqualTo(1);
      }
      var swept = awaitEnd(node, path + orphan);
      assertThat(swept.get("status").getStringValue()).as(swept.toString()).isEqualTo("succeeded");
      assertThat(resultRows(cluster, orphan)).isEqualTo(cases.size());
      var lostTuning = awaitEnd(node, "/v1/collections/" + collection + "/tunings/" + orphanTuning);
      assertThat(lostTuning.get("status").getStringValue()).isEqualTo("failed");
      assertThat(lostTuning.get("error").getStringValue())
          .contains("never received", "start it again");

      // the same job again after the run ended: nothing changes
      job.run(UUID.fromString(runId));
      var again = Cluster.json(node, Cluster.api(node).get(path + runId));
      assertThat(again.get("finishedAt").getStringValue())
          .isEqualTo(first.get("finishedAt").getStringValue());
      assertThat(resultRows(cluster, runId)).isEqualTo(cases.size());

      // its worker died after part of the results was written: the engine runs the job again
      execute(
          cluster, "UPDATE eval_runs SET status = 'running', metrics = NULL WHERE id = ?", runId);
      execute(cluster, "DELETE FROM eval_run_queries WHERE run_id = ? AND position > 0", runId);
      job.run(UUID.fromString(runId));
      var rerun = Cluster.json(node, Cluster.api(node).get(path + runId));
      assertThat(rerun.get("status").getStringValue()).isEqualTo("succeeded");
      assertThat(resultRows(cluster, runId)).isEqualTo(cases.size());
      assertThat(rerun.get("metrics").get("ndcg@10").getDoubleValue())
          .isEqualTo(first.get("metrics").get("ndcg@10").getDoubleValue());

      // started once more than allowed without finishing (workers dying mid-run): failed, with why
      execute(cluster, "UPDATE eval_runs SET status = 'running', attempts = 3 WHERE id = ?", runId);
      execute(cluster, "DELETE FROM eval_run_queries WHERE run_id = ?", runId);
      job.run(UUID.fromString(runId));
      var failed = Cluster.json(node, Cluster.api(node).get(path + runId));
      assertThat(failed.get("status").getStringValue()).isEqualTo("failed");
      assertThat(failed.get("error").getStringValue()).contains("gave up after 3 attempts");
      assertThat(resultRows(cluster, runId)).isZero();

      // an ended run can be deleted, a running one not
      execute(cluster, "UPDATE eval_runs SET status = 'running' WHERE id = ?", runId);
      assertThat(Cluster.api(node).delete(path + runId).statusCode()).isEqualTo(409);
      execute(cluster, "UPDATE eval_runs SET status = 'failed' WHERE id = ?", runId);
      assertThat(Cluster.api(node).delete(path + runId).statusCode()).isEqualTo(204);
      assertThat(Cluster.api(node).get(path + runId).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void aRunWhoseWorkerIsKilledIsFinishedByAnotherWorkerAfterTheLease()
      throws IOException, SQLException {
    long seed = SEED.value();
    try (var cluster = new Cluster()) {
      var api = cluster.node("api", Map.of());
      String collection = Cluster.newCollection(api);
      var documents = GeneratedCorpus.documents("killed", 40, 12, seed);
      // every sentence a case, each asking for 1000 chunks: a run that takes seconds
      List<Map<String, Object>> cases = new java.util.ArrayList<>();
      for (var document : documents) {
        String body = document.text().substring(document.text().indexOf("\n\n") + 2);
        for (String sentence : body.split("\\. ")) {
          if (sentence.strip().length() > 20) {
            cases.add(
                Map.of(
                    "query",
                    sentence.strip(),
                    "relevant",
                    List.of(Map.of("sourceId", document.sourceId(), "grade", 1))));
          }
        }
      }
      String runId;
      try (var doomed = WorkerProcess.start("doomed-eval", "worker", cluster.database)) {
        cluster.awaitJobs(Cluster.upload(api, collection, documents, 20), TIMEOUT);
        post(
            api,
            "/v1/collections/" + collection + "/datasets:import",
            Map.of("name", "golden", "cases", cases),
            201);
        runId =
            post(
                    api,
                    "/v1/collections/" + collection + "/evals",
                    Map.of("dataset", "golden", "k", 1000),
                    202)
                .get("id")
                .getStringValue();
        String path = "/v1/collections/" + collection + "/evals/" + runId;
        Cluster.await(
            () ->
                !Cluster.json(api, Cluster.api(api).get(path))
                    .get("status")
                    .getStringValue()
                    .equals("queued"),
            TIMEOUT,
            () -> "the worker never started the run:\n" + doomed.log());
        doomed.kill();
      }
      String path = "/v1/collections/" + collection + "/evals/" + runId;
      var orphaned = Cluster.json(api, Cluster.api(api).get(path));
      assertThat(orphaned.get("status").getStringValue())
          .as("the run ended before the kill; make it longer")
          .isEqualTo("running");

      var survivor = cluster.node("worker", Map.of());
      var run = awaitEnd(api, path);
      assertThat(run.get("status").getStringValue()).as(run.toString()).isEqualTo("succeeded");
      assertThat(resultRows(cluster, runId)).isEqualTo(cases.size());
      var servers = servers(api, runId);
      assertThat(servers).hasSize(2).contains(survivor.getBean(JobServer.class).serverId());
      System.out.printf(
          "eval run of %d cases killed mid-run, finished by another worker%n", cases.size());
    }
  }

  private static String firstSentence(String text) {
    String body = text.substring(text.indexOf("\n\n") + 2);
    return body.substring(0, body.indexOf(". "));
  }

  private static JsonNode post(ApplicationContext node, String path, Object body, int status) {
    String json;
    try {
      json = node.getBean(JsonMapper.class).writeValueAsString(body);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    var response = Cluster.api(node).postJson(path, json);
    assertThat(response.statusCode()).as(path + " -> " + response.body()).isEqualTo(status);
    return Cluster.json(node, response);
  }

  private static JsonNode awaitEnd(ApplicationContext node, String path) {
    JsonNode[] last = new JsonNode[1];
    Cluster.await(
        () -> {
          last[0] = Cluster.json(node, Cluster.api(node).get(path));
          String status = last[0].get("status").getStringValue();
          return status.equals("succeeded") || status.equals("failed");
        },
        TIMEOUT,
        () -> path + " not done: " + last[0]);
    return last[0];
  }

  private static String traceStatus(ApplicationContext node, String collection) {
    var traces =
        Cluster.json(node, Cluster.api(node).get("/v1/collections/" + collection + "/traces"))
            .get("traces");
    return traces.get(0).get("status").getStringValue();
  }

  /** The job servers that ran the engine job {@code id} (one per start). */
  private static Set<UUID> servers(ApplicationContext node, String id) {
    return node.getBean(StorageProvider.class)
        .getJobById(UUID.fromString(id))
        .getJobStatesOfType(ProcessingState.class)
        .map(ProcessingState::getServerId)
        .collect(Collectors.toSet());
  }

  private static int resultRows(Cluster cluster, String runId) throws SQLException {
    try (var connection = cluster.connect();
        var select =
            connection.prepareStatement("SELECT COUNT(*) FROM eval_run_queries WHERE run_id = ?")) {
      select.setObject(1, UUID.fromString(runId));
      var rows = select.executeQuery();
      rows.next();
      return rows.getInt(1);
    }
  }

  /** One case per document: its first sentence as the query, the document as relevant. */
  private static List<Map<String, Object>> goldenCases(List<GeneratedCorpus.Document> documents) {
    return documents.stream()
        .map(d ->
            Map.<String, Object>of(
                "query",
                firstSentence(d.text()),
                "relevant",
                List.of(Map.of("sourceId", d.sourceId(), "grade", 1))))
        .toList();
  }

  private static void execute(Cluster cluster, String sql, String runId) throws SQLException {
    try (var connection = cluster.connect();
        var update = connection.prepareStatement(sql)) {
      update.setObject(1, UUID.fromString(runId));
      update.executeUpdate();
    }
  }
}
