package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TestSeed;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Reliability: the Lucene index directory is deleted while the server answers searches (embedded
 * mode, where Lucene holds the vectors too). Searches keep answering from the open index, the node
 * rebuilds the index from the database within a few sync intervals, and the same searches give the
 * same hits as before; a restart on the rebuilt directory serves them too.
 */
class LuceneLossIT {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  private static final List<String> QUERIES =
      List.of(
          "shock wave in supersonic flow",
          "vacuum and transaction commit",
          "bread dough starter",
          "river delta sediment",
          "plate buckling under load");

  @Test
  void aDeletedIndexIsRebuiltFromTheDatabaseWhileServing() throws Exception {
    Path dataDir = Files.createTempDirectory("ragops-lucene-loss");
    var documents = GeneratedCorpus.documents("loss", 30, 18, SEED.value());
    String collection = "loss";
    Map<String, List<String>> before;
    var load = new LoadRecorder();
    double rebuildSeconds;
    Map<String, List<String>> rebuilt;
    try (var node = start(dataDir)) {
      var api = Cluster.api(node);
      assertThat(api.postJson("/v1/collections", "{\"name\":\"loss\"}").statusCode())
          .isEqualTo(201);
      Map<String, byte[]> files = new LinkedHashMap<>();
      documents.forEach(d -> files.put(d.sourceId(), d.text().getBytes(StandardCharsets.UTF_8)));
      var body =
          Cluster.json(node, api.postMultipart("/v1/collections/loss/documents", files, Map.of()));
      List<String> jobIds = new ArrayList<>();
      body.get("submissions").values().forEach(s -> jobIds.add(s.get("jobId").getStringValue()));
      Cluster.await(
          () -> jobIds.stream().allMatch(id -> status(node, id).equals("succeeded")),
          Duration.ofMinutes(4),
          () -> "ingest not done");
      before = hits(node, collection);

      var running = new AtomicBoolean(true);
      var searcher =
          Thread.ofPlatform()
              .start(() -> {
                while (running.get()) {
                  load.time(
                      "search",
                      () ->
                          api.postJson(
                              "/v1/collections/loss/search",
                              "{\"query\":\"" + QUERIES.get(0) + "\",\"k\":5}"));
                }
              });
      Path lucene = dataDir.resolve("lucene");
      long deleted = System.nanoTime();
      try {
        deleteRecursively(lucene);
        Cluster.await(
            () -> onDisk(lucene) && similar(hits(node, collection), before),
            Duration.ofSeconds(60),
            () ->
                "index not rebuilt: on disk "
                    + onDisk(lucene)
                    + ", hits "
                    + hits(node, collection)
                    + " instead of "
                    + before);
        rebuildSeconds = (System.nanoTime() - deleted) / 1e9;
        rebuilt = hits(node, collection);
      } finally {
        running.set(false);
        searcher.join();
      }
    }
    assertThat(load.serverErrors()).isEmpty();
    assertThat(load.samples()).allSatisfy(s -> assertThat(s.status()).isEqualTo(200));

    // the index rebuilt while serving answers like the index a node builds at startup
    deleteRecursively(dataDir.resolve("lucene"));
    try (var restarted = start(dataDir)) {
      var fresh = hits(restarted, collection);
      assertThat(similar(fresh, rebuilt)).as("%s vs %s", fresh, rebuilt).isTrue();
    }
    ReliabilityReport.record(
        "Lucene index directory deleted while serving",
        documents.size() + " documents, embedded mode, 1 searcher",
        String.format(
            "rebuilt from the database %.1f s after the delete, answering like a node that"
                + " rebuilt at startup for %d queries × 2 modes; searches meanwhile: %s",
            rebuildSeconds, QUERIES.size(), load.summary()));
  }

  private static ApplicationContext start(Path dataDir) {
    return Micronaut.build(new String[0])
        .properties(Map.of("ragops.data-dir", dataDir.toString(), "micronaut.server.port", -1))
        .start();
  }

  private static String status(ApplicationContext node, String jobId) {
    return Cluster.json(node, Cluster.api(node).get("/v1/jobs/" + jobId))
        .get("status")
        .getStringValue();
  }

  /** The chunk ids each query finds, per mode, in rank order. */
  private static Map<String, List<String>> hits(ApplicationContext node, String collection) {
    var api = new ApiClient(node.getBean(EmbeddedServer.class).getURI());
    Map<String, List<String>> hits = new LinkedHashMap<>();
    for (String mode : List.of("keyword", "vector")) {
      for (String query : QUERIES) {
        var response =
            api.postJson(
                "/v1/collections/" + collection + "/search",
                "{\"query\":\"" + query + "\",\"k\":5,\"mode\":\"" + mode + "\"}");
        List<String> ids = new ArrayList<>();
        Cluster.json(node, response)
            .get("results")
            .values()
            .forEach(hit -> ids.add(hit.get("chunkId").getStringValue()));
        hits.put(mode + ":" + query, ids);
      }
    }
    return hits;
  }

  /**
   * Whether every query finds at least 4 of its 5 hits of before. Not all 5 in the same order: BM25
   * statistics count the deleted versions an index accumulates, which a rebuilt index has none of.
   */
  private static boolean similar(Map<String, List<String>> now, Map<String, List<String>> before) {
    return before.entrySet().stream()
        .allMatch(entry -> {
          var hits = now.getOrDefault(entry.getKey(), List.of());
          return hits.stream().filter(entry.getValue()::contains).count()
              >= Math.min(4, entry.getValue().size());
        });
  }

  private static boolean onDisk(Path lucene) {
    try (Stream<Path> files = Files.list(lucene)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("segments_"));
    } catch (IOException e) {
      return false;
    }
  }

  private static void deleteRecursively(Path root) throws IOException {
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    }
  }
}
