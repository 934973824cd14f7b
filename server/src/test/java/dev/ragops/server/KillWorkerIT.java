package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TestSeed;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jobrunr.jobs.states.StateName;
import org.jobrunr.storage.StorageProvider;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability: a worker process is killed with {@code kill -9} while a batch of documents ingests
 * (50 in CI, 500 with {@code ./scripts/reliability}); after a new worker process starts, every
 * document is indexed exactly once and no job is left queued or running, in our jobs table or in
 * the job engine's.
 */
class KillWorkerIT {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  @Test
  void everyDocumentIsIndexedOnceAfterAWorkerIsKilledMidBatch() throws IOException {
    int count = ReliabilityReport.documents(50);
    Duration timeout = Duration.ofSeconds(240 + count * 3L);
    try (var cluster = new Cluster()) {
      var api = cluster.node("api", Map.of());
      String collection = Cluster.newCollection(api);
      var documents = GeneratedCorpus.documents("kill", count, 24, SEED.value());
      List<String> jobIds;
      long doneAtKill;
      long started = System.nanoTime();
      try (var first = WorkerProcess.start("first", "worker", cluster.database)) {
        jobIds = Cluster.upload(api, collection, documents, 25);
        Cluster.await(
            () -> done(cluster, jobIds) >= Math.max(1, count / 3),
            timeout,
            () -> "a third of the batch never finished:\n" + first.log());
        first.kill();
        doneAtKill = done(cluster, jobIds);
      }
      long restartedAt = System.nanoTime();
      try (var restarted = WorkerProcess.start("restarted", "worker", cluster.database)) {
        cluster.awaitJobs(jobIds, timeout);
        var storage = api.getBean(StorageProvider.class);
        Cluster.await(
            () ->
                jobIds.stream()
                    .allMatch(id ->
                        storage.getJobById(UUID.fromString(id)).getState() == StateName.SUCCEEDED),
            Duration.ofMinutes(2),
            () -> "engine jobs not all succeeded");
      }
      double recoverySeconds = (System.nanoTime() - restartedAt) / 1e9;

      assertThat(cluster.jobStatuses(jobIds).values()).containsOnly("succeeded");
      var stored = cluster.documentChunks(collection);
      assertThat(stored).hasSize(count);
      assertThat(stored).allSatisfy(d -> assertThat(d.indexedOnce()).as(d.toString()).isTrue());
      int chunks = stored.stream().mapToInt(Cluster.DocumentChunks::rows).sum();
      ReliabilityReport.record(
          "kill -9 of a worker mid-batch",
          count + " documents, 2 workers, lease 20 s",
          String.format(
              "killed with %d/%d done; after restart all %d indexed exactly once (%d chunks),"
                  + " 0 jobs stuck; restart to done %.0f s, total %.0f s",
              doneAtKill,
              count,
              count,
              chunks,
              recoverySeconds,
              (System.nanoTime() - started) / 1e9));
    }
  }

  private static long done(Cluster cluster, List<String> jobIds) {
    return cluster.jobStatuses(jobIds).values().stream()
        .filter(s -> s.equals("succeeded") || s.equals("failed"))
        .count();
  }
}
