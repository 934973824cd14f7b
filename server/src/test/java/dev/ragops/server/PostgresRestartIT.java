package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TestSeed;
import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability: PostgreSQL stops and starts again while documents ingest and searches run. Clients
 * get answers or 503s with {@code Retry-After} (never another 5xx), an upload refused with 503 is
 * sent again, and after recovery every document is indexed exactly once and found by search. Needs
 * the PostgreSQL cluster {@code ./scripts/test} starts, which it can stop and start ({@code
 * RAGOPS_TEST_PG_CTL}).
 */
class PostgresRestartIT {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  @Test
  void clientsGet503sNotCorruptionAndNothingIsLost() throws Exception {
    String pgCtl = System.getenv("RAGOPS_TEST_PG_CTL");
    Assumptions.assumeTrue(
        pgCtl != null && !pgCtl.isBlank(),
        "needs the PostgreSQL cluster of ./scripts/test, which it can restart (RAGOPS_TEST_PG_CTL)");
    int count = ReliabilityReport.documents(30);
    Duration outage = Duration.ofSeconds(5);
    try (var cluster = new Cluster()) {
      var node = cluster.node("all", Map.of("datasources.default.connection-timeout", "3000"));
      String collection = Cluster.newCollection(node);
      var documents = GeneratedCorpus.documents("restart", count, 12, SEED.value());
      var load = new LoadRecorder();
      var running = new AtomicBoolean(true);
      List<String> jobIds = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        threads.add(Thread.ofPlatform().start(() -> search(node, collection, load, running)));
      }
      var uploader =
          Thread.ofPlatform()
              .start(() -> {
                for (var document : documents) {
                  jobIds.add(uploadUntilAccepted(node, collection, document, load));
                }
              });

      WorkerProcess.sleep(4000);
      long stopped = System.nanoTime();
      control(pgCtl, "stop");
      WorkerProcess.sleep(outage.toMillis());
      control(pgCtl, "start");
      double downSeconds = (System.nanoTime() - stopped) / 1e9;

      uploader.join(Duration.ofMinutes(10).toMillis());
      assertThat(uploader.isAlive()).isFalse();
      WorkerProcess.sleep(3000);
      running.set(false);
      for (var thread : threads) {
        thread.join();
      }
      cluster.awaitJobs(jobIds, Duration.ofMinutes(5));

      assertThat(load.serverErrors()).as("5xx other than 503").isEmpty();
      assertThat(cluster.jobStatuses(jobIds).values()).containsOnly("succeeded");
      var stored = cluster.documentChunks(collection);
      assertThat(stored).hasSize(count);
      assertThat(stored).allSatisfy(d -> assertThat(d.indexedOnce()).as(d.toString()).isTrue());
      Cluster.await(
          () -> findsEach(node, collection, count),
          Duration.ofSeconds(30),
          () -> "search does not find every document by its number");
      long unavailable =
          load.samples().stream().filter(s -> s.status() == 503 || s.status() == 0).count();
      ReliabilityReport.record(
          "PostgreSQL restart under ingest and search",
          count + " documents, 2 searchers, database down " + Math.round(downSeconds) + " s",
          "no 5xx but 503 ("
              + unavailable
              + " 503s or refused); all "
              + count
              + " documents indexed exactly once and found by search; "
              + load.summary());
    }
  }

  private static void search(
      ApplicationContext node, String collection, LoadRecorder load, AtomicBoolean running) {
    var api = Cluster.api(node);
    while (running.get()) {
      var response =
          load.time(
              "search",
              () ->
                  api.postJson(
                      "/v1/collections/" + collection + "/search",
                      "{\"query\":\"pressure gradient in the boundary layer\",\"k\":5}"));
      if (response == null || response.statusCode() == 503) {
        WorkerProcess.sleep(500);
      }
    }
  }

  private static String uploadUntilAccepted(
      ApplicationContext node,
      String collection,
      GeneratedCorpus.Document document,
      LoadRecorder load) {
    var api = Cluster.api(node);
    while (true) {
      var response =
          load.time(
              "upload",
              () ->
                  api.postJson(
                      "/v1/collections/" + collection + "/documents",
                      "{\"text\":"
                          + quote(document.text())
                          + ",\"sourceId\":\""
                          + document.sourceId()
                          + "\"}"));
      if (response != null && response.statusCode() == 202) {
        return Cluster.json(node, response).get("jobId").getStringValue();
      }
      WorkerProcess.sleep(1000);
    }
  }

  private static boolean findsEach(ApplicationContext node, String collection, int count) {
    var api = Cluster.api(node);
    for (int i = 0; i < count; i += Math.max(1, count / 10)) {
      var response =
          api.postJson(
              "/v1/collections/" + collection + "/search",
              "{\"query\":\"document number " + i + "\",\"k\":1,\"mode\":\"keyword\"}");
      var results = Cluster.json(node, response).get("results");
      if (results == null
          || results.size() == 0
          || !results.get(0).get("sourceId").getStringValue().equals("restart-" + i + ".txt")) {
        return false;
      }
    }
    return true;
  }

  static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n") + "\"";
  }

  static void control(String pgCtl, String action) throws IOException, InterruptedException {
    var process = new ProcessBuilder(pgCtl, action).inheritIO().start();
    assertThat(process.waitFor()).as("pg-ctl " + action).isZero();
  }
}
