package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TestSeed;
import io.micronaut.context.ApplicationContext;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability: searches, uploads (new documents and new versions of old ones) and faithfulness
 * judgements at once against one PostgreSQL-mode node, for 60 s in CI and 30 min with {@code
 * ./scripts/reliability}: no 5xx at all, every ingest job succeeds, latency percentiles per
 * operation are reported, and the heap after a full GC stays within 256 MB of where it was after
 * warm-up.
 */
class MixedLoadIT {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  private static final List<String> QUERIES =
      List.of(
          "boundary layer transition",
          "shock wave supersonic nozzle",
          "transaction commit and lock timeout",
          "bread dough ferment",
          "glacier valley erosion",
          "plate buckling stress");

  @Test
  void mixedLoadHasNo5xxAndABoundedHeap() throws Exception {
    Duration duration = ReliabilityReport.duration(Duration.ofSeconds(60));
    var random = new Random(SEED.value());
    try (var cluster = new Cluster()) {
      // no rate limit: the load must reach the server, not stop at the test key's 100/s
      var node = cluster.node("all", Map.of("ragops.auth.rate-limit-per-second", 0));
      String collection = Cluster.newCollection(node);
      var seedDocuments = GeneratedCorpus.documents("mixed", 20, 12, SEED.value());
      cluster.awaitJobs(Cluster.upload(node, collection, seedDocuments, 10), Duration.ofMinutes(4));

      var load = new LoadRecorder();
      var running = new AtomicBoolean(true);
      List<String> jobIds = new CopyOnWriteArrayList<>();
      List<Thread> threads = new ArrayList<>();
      for (int i = 0; i < 2; i++) {
        long threadSeed = random.nextLong();
        threads.add(
            Thread.ofPlatform()
                .start(() -> search(node, collection, load, running, new Random(threadSeed))));
      }
      long ingestSeed = random.nextLong();
      threads.add(
          Thread.ofPlatform()
              .start(() -> ingest(node, collection, load, running, jobIds, ingestSeed)));
      threads.add(Thread.ofPlatform().start(() -> judge(node, load, running)));

      WorkerProcess.sleep(Math.min(10_000, duration.toMillis() / 6));
      long warmHeap = heapAfterGc();
      long peakHeap = warmHeap;
      long end = System.nanoTime() + duration.toNanos();
      while (System.nanoTime() < end) {
        WorkerProcess.sleep(1000);
        peakHeap =
            Math.max(peakHeap, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
      }
      running.set(false);
      for (var thread : threads) {
        thread.join();
      }
      cluster.awaitJobs(jobIds, Duration.ofMinutes(5));
      long finalHeap = heapAfterGc();

      var errors = load.samples().stream().filter(s -> s.status() >= 500 || s.status() == 0);
      assertThat(errors.toList()).as("5xx or no answer").isEmpty();
      assertThat(cluster.jobStatuses(jobIds).values()).containsOnly("succeeded");
      assertThat(finalHeap).as("heap after GC").isLessThan(warmHeap + (256L << 20));
      ReliabilityReport.record(
          "mixed load (search, ingest, faithfulness)",
          duration.toSeconds() + " s, 2 searchers, 1 uploader, 1 judge, PostgreSQL mode",
          String.format(
              "no 5xx; %s; %d ingest jobs succeeded; heap after GC %d MB after warm-up, %d MB at"
                  + " the end (peak used %d MB)",
              load.summary(), jobIds.size(), warmHeap >> 20, finalHeap >> 20, peakHeap >> 20));
    }
  }

  private static void search(
      ApplicationContext node,
      String collection,
      LoadRecorder load,
      AtomicBoolean running,
      Random random) {
    var api = Cluster.api(node);
    while (running.get()) {
      String query = QUERIES.get(random.nextInt(QUERIES.size()));
      String mode = List.of("hybrid", "keyword", "vector").get(random.nextInt(3));
      load.time(
          "search",
          () ->
              api.postJson(
                  "/v1/collections/" + collection + "/search",
                  "{\"query\":\"" + query + "\",\"k\":10,\"mode\":\"" + mode + "\"}"));
    }
  }

  private static void ingest(
      ApplicationContext node,
      String collection,
      LoadRecorder load,
      AtomicBoolean running,
      List<String> jobIds,
      long seed) {
    var api = Cluster.api(node);
    var random = new Random(seed);
    int round = 0;
    while (running.get()) {
      // a new document, or a new version of one uploaded before
      int number = round % 3 == 2 ? random.nextInt(round) : round;
      var document = GeneratedCorpus.documents("load" + round, 1, 10, seed + round).get(0);
      var response =
          load.time(
              "upload",
              () ->
                  api.postJson(
                      "/v1/collections/" + collection + "/documents",
                      "{\"text\":"
                          + PostgresRestartIT.quote(document.text())
                          + ",\"sourceId\":\"load-"
                          + number
                          + "\"}"));
      if (response != null && response.statusCode() == 202) {
        String jobId = Cluster.json(node, response).get("jobId").getStringValue();
        jobIds.add(jobId);
        load.time("job", () -> api.get("/v1/jobs/" + jobId));
      }
      round++;
      WorkerProcess.sleep(1500);
    }
  }

  private static void judge(ApplicationContext node, LoadRecorder load, AtomicBoolean running) {
    var api = Cluster.api(node);
    while (running.get()) {
      load.time(
          "faithfulness",
          () ->
              api.postJson(
                  "/v1/faithfulness",
                  """
                  {"question":"What does a vacuum do?",
                   "answer":"Vacuum reclaims storage held by dead tuples.",
                   "contexts":["VACUUM reclaims storage occupied by dead tuples in PostgreSQL."]}\
                  """));
      WorkerProcess.sleep(500);
    }
  }

  private static long heapAfterGc() {
    System.gc();
    WorkerProcess.sleep(500);
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
