package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.FilterCases;
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
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The upload → hybrid search slice, end to end over HTTP with the real parser, model and stores.
 * Each storage mode runs the same contract.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SliceContract {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

  private ApplicationContext context;
  private JsonMapper json;
  ApiClient api;
  Path dataDir;

  /** Storage properties of the mode under test. */
  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  @BeforeAll
  void startServer() throws IOException {
    dataDir = Files.createTempDirectory("ragops-it");
    start();
  }

  void start() {
    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", dataDir.toString());
    context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    json = context.getBean(JsonMapper.class);
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
  }

  void stop() {
    if (context != null) {
      context.close();
      context = null;
    }
  }

  @AfterAll
  void stopServer() {
    stop();
  }

  JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  void createCollection(String name) {
    var created = api.postJson("/v1/collections", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  JsonNode upload(String collection, String fileName, byte[] content) {
    var response =
        api.postMultipart(
            "/v1/collections/" + collection + "/documents",
            Map.of(fileName, content),
            Map.of("metadata", "{\"origin\":\"" + fileName + "\"}"));
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
      sleep(100);
    }
  }

  List<String> searchSourceIds(String collection, String query, String mode) {
    var response =
        api.postJson(
            "/v1/collections/" + collection + "/search",
            "{\"query\":\"" + query + "\",\"k\":5,\"mode\":\"" + mode + "\"}");
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    var results = parse(response).get("results");
    var ids = new java.util.ArrayList<String>();
    for (int i = 0; i < results.size(); i++) {
      ids.add(results.get(i).get("sourceId").getStringValue());
    }
    return ids;
  }

  private void ingestSampleCorpus(String collection) {
    createCollection(collection);
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("flutter.pdf", TestDocuments.pdf());
    files.put("sourdough.docx", TestDocuments.docx());
    files.put("vacuum.html", TestDocuments.html());
    files.forEach((name, bytes) -> {
      var job = awaitJob(upload(collection, name, bytes).get("jobId").getStringValue());
      assertThat(job.get("status").getStringValue()).as(job.toString()).isEqualTo("succeeded");
    });
  }

  @Test
  void ranksTheRightDocumentFirstInEveryMode() {
    ingestSampleCorpus("slice");
    Map<String, String> expectations =
        Map.of(
            "what makes a wing flutter at supersonic speed", "flutter.pdf",
            "how long does sourdough dough ferment", "sourdough.docx",
            "reclaim storage from dead tuples", "vacuum.html");
    for (String mode : List.of("keyword", "vector", "hybrid")) {
      expectations.forEach((query, expected) ->
          assertThat(searchSourceIds("slice", query, mode))
              .as("%s search for '%s'", mode, query)
              .first()
              .isEqualTo(expected));
    }
  }

  @Test
  void hybridHitsExplainBothLegs() {
    ingestSampleCorpus("explained");
    var response =
        parse(
            api.postJson(
                "/v1/collections/explained/search",
                "{\"query\":\"supersonic wing flutter\",\"k\":3}"));
    var top = response.get("results").get(0);
    assertThat(top.get("sourceId").getStringValue()).isEqualTo("flutter.pdf");
    assertThat(top.get("text").getStringValue()).contains("aeroelastic");
    assertThat(top.get("scores").get("keyword").getDoubleValue()).isPositive();
    assertThat(top.get("scores").get("vector").getDoubleValue()).isBetween(0.0, 1.0);
    assertThat(top.get("scores").get("fused").getDoubleValue())
        .isEqualTo(top.get("score").getDoubleValue());
    assertThat(top.get("metadata").get("origin").getStringValue()).isEqualTo("flutter.pdf");
    assertThat(response.get("tookMs").getLongValue()).isNotNegative();
  }

  @Test
  void corruptPdfFailsWithAReasonAndTheServerStaysHealthy() {
    createCollection("corrupt");
    var submission = upload("corrupt", "broken.pdf", TestDocuments.corruptPdf());
    var job = awaitJob(submission.get("jobId").getStringValue());

    assertThat(job.get("status").getStringValue()).isEqualTo("failed");
    assertThat(job.get("error").getStringValue()).isNotBlank();
    var document =
        parse(
            api.get(
                "/v1/collections/corrupt/documents/"
                    + submission.get("documentId").getStringValue()));
    assertThat(document.get("status").getStringValue()).isEqualTo("failed");
    assertThat(document.get("error").getStringValue()).isEqualTo(job.get("error").getStringValue());
    assertThat(api.get("/health").statusCode()).isEqualTo(200);
  }

  @Test
  void identicalBytesAgainAreUnchangedAndChangedBytesReplace() {
    createCollection("versions");
    var first = upload("versions", "vacuum.html", TestDocuments.html());
    awaitJob(first.get("jobId").getStringValue());

    var again = upload("versions", "vacuum.html", TestDocuments.html());
    assertThat(again.get("result").getStringValue()).isEqualTo("unchanged");
    assertThat(again.get("documentId").getStringValue())
        .isEqualTo(first.get("documentId").getStringValue());

    var changed =
        upload(
            "versions",
            "vacuum.html",
            "<html><body><p>Autovacuum launcher tuning.</p></body></html>".getBytes());
    assertThat(changed.get("result").getStringValue()).isEqualTo("replaced");
    awaitJob(changed.get("jobId").getStringValue());
    assertThat(searchSourceIds("versions", "dead tuples", "keyword")).isEmpty();
    assertThat(searchSourceIds("versions", "autovacuum launcher", "keyword"))
        .containsExactly("vacuum.html");
  }

  @Test
  void deletedDocumentsAndCollectionsStopMatching() {
    createCollection("deletions");
    var submission = upload("deletions", "vacuum.html", TestDocuments.html());
    awaitJob(submission.get("jobId").getStringValue());
    assertThat(searchSourceIds("deletions", "dead tuples", "hybrid")).contains("vacuum.html");

    var deleted =
        api.delete(
            "/v1/collections/deletions/documents/" + submission.get("documentId").getStringValue());
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(searchSourceIds("deletions", "dead tuples", "hybrid")).isEmpty();

    assertThat(api.delete("/v1/collections/deletions").statusCode()).isEqualTo(204);
    assertThat(api.get("/v1/collections/deletions").statusCode()).isEqualTo(404);
  }

  @Test
  void unknownCollectionIsA404Problem() {
    var response = api.postJson("/v1/collections/nope/search", "{\"query\":\"anything\"}");

    assertThat(response.statusCode()).isEqualTo(404);
    assertThat(response.headers().firstValue("Content-Type"))
        .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
    var problem = parse(response);
    assertThat(problem.get("status").getIntValue()).isEqualTo(404);
    assertThat(problem.get("title").getStringValue()).isNotBlank();
    assertThat(problem.get("detail").getStringValue()).contains("nope");
  }

  @Test
  void badRequestsAre400Problems() {
    createCollection("bad");
    var emptyQuery = api.postJson("/v1/collections/bad/search", "{\"query\":\"  \"}");
    var malformed = api.postJson("/v1/collections/bad/search", "{\"query\": ");
    var unknownMode =
        api.postJson("/v1/collections/bad/search", "{\"query\":\"x\",\"mode\":\"fuzzy\"}");
    var badK = api.postJson("/v1/collections/bad/search", "{\"query\":\"x\",\"k\":0}");
    var noFile =
        api.postMultipart("/v1/collections/bad/documents", Map.of(), Map.of("sourceId", "x"));
    var badMetadata =
        api.postMultipart(
            "/v1/collections/bad/documents",
            Map.of("a.txt", "hello".getBytes()),
            Map.of("metadata", "[1,2]"));
    var badName = api.postJson("/v1/collections", "{\"name\":\"Has Spaces\"}");

    for (var response :
        List.of(emptyQuery, malformed, unknownMode, badK, noFile, badMetadata, badName)) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(t -> assertThat(t).startsWith("application/problem+json"));
      assertThat(parse(response).get("status").getIntValue()).isEqualTo(400);
    }
    assertThat(emptyQuery.body()).contains("query");
    assertThat(unknownMode.body()).contains("mode");
    assertThat(badMetadata.body()).contains("metadata must be a JSON object");
    assertThat(parse(api.get("/v1/collections/bad/documents")).get("documents").size()).isZero();
  }

  @Test
  void duplicateCollectionIsA409Problem() {
    createCollection("twice");
    var again = api.postJson("/v1/collections", "{\"name\":\"twice\"}");
    assertThat(again.statusCode()).isEqualTo(409);
  }

  @Test
  void filtersMatchTheSameDocumentsInEveryLeg() {
    createCollection("filters");
    FilterCases.CORPUS.forEach((id, metadata) -> {
      var response =
          api.postMultipart(
              "/v1/collections/filters/documents",
              Map.of(id + ".txt", ("Quarterly report " + id + " on retrieval quality.").getBytes()),
              Map.of("metadata", metadata));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      var job = awaitJob(parse(response).get("jobId").getStringValue());
      assertThat(job.get("status").getStringValue()).isEqualTo("succeeded");
    });
    FilterCases.CASES.forEach((filter, expected) -> {
      for (String mode : List.of("keyword", "vector", "hybrid")) {
        var response =
            api.postJson(
                "/v1/collections/filters/search",
                "{\"query\":\"quarterly report\",\"k\":100,\"mode\":\""
                    + mode
                    + "\",\"filter\":"
                    + filter
                    + "}");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        var results = parse(response).get("results");
        var matched = new java.util.TreeSet<String>();
        for (int i = 0; i < results.size(); i++) {
          matched.add(results.get(i).get("sourceId").getStringValue().replace(".txt", ""));
        }
        assertThat(matched)
            .as("%s search with filter %s", mode, filter)
            .containsExactlyElementsOf(new java.util.TreeSet<>(expected));
      }
    });
  }

  @Test
  void malformedFilterIsA400NamingThePath() {
    createCollection("badfilter");
    var response =
        api.postJson(
            "/v1/collections/badfilter/search",
            "{\"query\":\"x\",\"filter\":{\"year\":{\"$between\":[1,2]}}}");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(parse(response).get("detail").getStringValue()).contains("filter.year.$between");
  }

  @Test
  void pagesWithOffsetAndDropsBelowMinScore() {
    ingestSampleCorpus("paging");
    var all = searchSourceIds("paging", "dough wing tuples", "hybrid");
    var second =
        parse(
                api.postJson(
                    "/v1/collections/paging/search",
                    "{\"query\":\"dough wing tuples\",\"k\":1,\"offset\":1}"))
            .get("results");
    assertThat(second.size()).isEqualTo(1);
    assertThat(second.get(0).get("sourceId").getStringValue()).isEqualTo(all.get(1));

    var strict =
        parse(
                api.postJson(
                    "/v1/collections/paging/search",
                    "{\"query\":\"dough wing tuples\",\"mode\":\"vector\",\"minScore\":0.99}"))
            .get("results");
    assertThat(strict.size()).isZero();
  }

  @Test
  void weightedFusionAndMmrExplainTheirScores() {
    ingestSampleCorpus("fusions");
    var weighted =
        parse(
                api.postJson(
                    "/v1/collections/fusions/search",
                    "{\"query\":\"supersonic wing flutter\",\"fusion\":\"weighted\","
                        + "\"weights\":{\"keyword\":0.3,\"vector\":0.7},\"normalization\":\"minmax\"}"))
            .get("results");
    assertThat(weighted.get(0).get("sourceId").getStringValue()).isEqualTo("flutter.pdf");
    assertThat(weighted.get(0).get("scores").get("fused").getDoubleValue()).isBetween(0.0, 1.0);

    var mmr =
        parse(
                api.postJson(
                    "/v1/collections/fusions/search",
                    "{\"query\":\"supersonic wing flutter\",\"rerank\":{\"type\":\"mmr\",\"lambda\":0.5}}"))
            .get("results");
    assertThat(mmr.get(0).get("sourceId").getStringValue()).isEqualTo("flutter.pdf");
    assertThat(mmr.get(0).get("scores").get("rerank").isNull()).isFalse();
    assertThat(mmr.get(0).get("highlights").get(0).getStringValue()).contains("<em>");
    assertThat(mmr.get(0).get("freshness").get("documentVersion").getIntValue()).isEqualTo(1);
    assertThat(mmr.get(0).get("freshness").get("indexedAt").isNull()).isFalse();
  }

  @Test
  void logsSearchesUnderTheirQueryId() {
    ingestSampleCorpus("logged");
    var response =
        parse(api.postJson("/v1/collections/logged/search", "{\"query\":\"dead tuples\",\"k\":2}"));
    String queryId = response.get("queryId").getStringValue();

    var logged = parse(api.get("/v1/collections/logged/queries?limit=5")).get("queries");
    assertThat(logged.size()).isEqualTo(1);
    assertThat(logged.get(0).get("queryId").getStringValue()).isEqualTo(queryId);
    assertThat(logged.get(0).get("query").getStringValue()).isEqualTo("dead tuples");
    assertThat(logged.get(0).get("documentIds").size()).isEqualTo(2);
  }

  @Test
  void rebuildsTheIndexOnlineWhileSearchesKeepAnswering() throws Exception {
    ingestSampleCorpus("online");
    var failures = new java.util.concurrent.ConcurrentLinkedQueue<String>();
    var searches = new java.util.concurrent.atomic.AtomicInteger();
    var done = new java.util.concurrent.atomic.AtomicBoolean();
    var searcher =
        Thread.ofPlatform()
            .start(() -> {
              while (!done.get()) {
                var ids = searchSourceIds("online", "reclaim storage from dead tuples", "keyword");
                searches.incrementAndGet();
                if (ids.isEmpty() || !ids.get(0).equals("vacuum.html")) {
                  failures.add(ids.toString());
                }
              }
            });
    for (int i = 0; i < 5; i++) {
      var rebuilt = api.postJson("/v1/collections/online/index:rebuild", "{}");
      assertThat(rebuilt.statusCode()).as(rebuilt.body()).isEqualTo(200);
      assertThat(parse(rebuilt).get("chunks").getLongValue()).isEqualTo(3);
    }
    done.set(true);
    searcher.join();

    assertThat(searches.get()).isPositive();
    assertThat(failures).isEmpty();
    assertThat(api.postJson("/v1/collections/nope/index:rebuild", "{}").statusCode())
        .isEqualTo(404);
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void eachCollectionSearchesWithItsOwnAnalyzer() {
    for (String[] collection : new String[][] {{"deutsch", "german"}, {"english", "english"}}) {
      var created =
          api.postJson(
              "/v1/collections",
              "{\"name\":\"" + collection[0] + "\",\"analyzer\":\"" + collection[1] + "\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      assertThat(parse(created).get("analyzer").getStringValue()).isEqualTo(collection[1]);
      var job =
          awaitJob(
              upload(
                      collection[0],
                      "strasse.txt",
                      "Die alten H\u00e4user an der Stra\u00dfe wurden renoviert."
                          .getBytes(java.nio.charset.StandardCharsets.UTF_8))
                  .get("jobId")
                  .getStringValue());
      assertThat(job.get("status").getStringValue()).as(job.toString()).isEqualTo("succeeded");
    }
    assertThat(searchSourceIds("deutsch", "Haus", "keyword")).containsExactly("strasse.txt");
    assertThat(searchSourceIds("english", "Haus", "keyword")).isEmpty();

    var unknown = api.postJson("/v1/collections", "{\"name\":\"klingon\",\"analyzer\":\"tlh\"}");
    assertThat(unknown.statusCode()).as(unknown.body()).isEqualTo(400);
    assertThat(unknown.body()).contains("analyzer must be one of");
    assertThat(api.get("/v1/collections/klingon").statusCode()).isEqualTo(404);
  }
}
