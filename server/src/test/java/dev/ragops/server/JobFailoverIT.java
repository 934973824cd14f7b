package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TestSeed;
import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
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
 * Ingest jobs on the job engine across nodes sharing one PostgreSQL, with the real parser and
 * model: two nodes split a batch with no document processed twice and none lost, and a worker
 * process killed with {@code kill -9} mid-job has its job finished by another node once its lease
 * expires, with exactly one set of chunks.
 */
class JobFailoverIT {

  private static final Duration TIMEOUT = Duration.ofMinutes(4);

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  @Test
  void twoNodesSplitABatchWithNoDocumentTwiceAndNoneLost() {
    long seed = SEED.value();
    try (var cluster = new Cluster()) {
      var first = cluster.node("all", Map.of("ragops.test.node", "first"));
      var second = cluster.node("worker", Map.of("ragops.test.node", "second"));
      String collection = Cluster.newCollection(first);
      var documents = GeneratedCorpus.documents("split", 40, 30, seed);

      List<String> jobIds = Cluster.upload(first, collection, documents, 10);
      cluster.awaitJobs(jobIds, TIMEOUT);

      assertThat(cluster.jobStatuses(jobIds).values())
          .as("seed %d", seed)
          .containsOnly("succeeded");
      var stored = cluster.documentChunks(collection);
      assertThat(stored).hasSize(documents.size());
      assertThat(stored).allSatisfy(d -> assertThat(d.indexedOnce()).as(d.toString()).isTrue());

      // each engine job was taken by exactly one server, and both servers took some
      var storage = first.getBean(StorageProvider.class);
      Map<UUID, Integer> perServer = new HashMap<>();
      for (String jobId : jobIds) {
        var runs =
            storage
                .getJobById(UUID.fromString(jobId))
                .getJobStatesOfType(ProcessingState.class)
                .toList();
        assertThat(runs).as("runs of job %s", jobId).hasSize(1);
        perServer.merge(runs.get(0).getServerId(), 1, Integer::sum);
      }
      UUID firstServer = first.getBean(JobServer.class).serverId();
      UUID secondServer = second.getBean(JobServer.class).serverId();
      assertThat(perServer.keySet()).containsExactlyInAnyOrder(firstServer, secondServer);
      System.out.printf(
          "batch of %d split %d/%d between two nodes%n",
          jobIds.size(), perServer.get(firstServer), perServer.get(secondServer));

      var job =
          Cluster.json(first, Cluster.api(first).get("/v1/jobs/" + jobIds.get(0))).get("batch");
      assertThat(job.get("documentsDone").getLongValue()).isEqualTo(10);
      assertThat(job.get("documentsTotal").getLongValue()).isEqualTo(10);
      assertThat(job.get("chunksDone").getLongValue())
          .isEqualTo(job.get("chunksTotal").getLongValue())
          .isPositive();
    }
  }

  @Test
  void aWorkerKilledMidJobHasItsJobFinishedElsewhereAfterTheLease() throws IOException {
    long seed = SEED.value();
    try (var cluster = new Cluster()) {
      var api = cluster.node("api", Map.of());
      String collection = Cluster.newCollection(api);
      // long enough that embedding takes seconds, so the kill lands mid-job
      var document = GeneratedCorpus.documents("long", 1, 3000, seed).get(0);
      String jobId;
      try (var doomed = WorkerProcess.start("doomed", "worker", cluster.database)) {
        jobId = Cluster.upload(api, collection, List.of(document), 1).get(0);
        Cluster.await(
            () -> {
              var job = Cluster.json(api, Cluster.api(api).get("/v1/jobs/" + jobId));
              return job.get("progress").get("chunksDone").getIntValue() > 0;
            },
            TIMEOUT,
            () -> "the worker never started embedding:\n" + doomed.log());
        doomed.kill();
        assertThat(doomed.alive()).isFalse();
      }
      var job = Cluster.json(api, Cluster.api(api).get("/v1/jobs/" + jobId));
      assertThat(job.get("status").getStringValue()).isEqualTo("running");

      var survivor = cluster.node("worker", Map.of());
      cluster.awaitJobs(List.of(jobId), TIMEOUT);

      assertThat(cluster.jobStatuses(List.of(jobId))).containsEntry(jobId, "succeeded");
      var stored = cluster.documentChunks(collection);
      assertThat(stored).singleElement().satisfies(d -> assertThat(d.indexedOnce()).isTrue());
      Set<UUID> servers =
          survivor
              .getBean(StorageProvider.class)
              .getJobById(UUID.fromString(jobId))
              .getJobStatesOfType(ProcessingState.class)
              .map(ProcessingState::getServerId)
              .collect(Collectors.toSet());
      assertThat(servers).hasSize(2).contains(survivor.getBean(JobServer.class).serverId());
    }
  }
}
