package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Tenant isolation under API keys, randomized: three collections share one vocabulary, each has a
 * key scoped to it, and {@value #REQUESTS} random searches, document reads, job reads and query-log
 * reads by random keys against random collections must never show a document, hit, job or logged
 * query of a collection the key is not scoped to: they answer with the key's own collection's data,
 * or 403, or 404. The seed is printed; {@code -Dragops.test.seed=N} replays a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class IsolationContract {

  static final int REQUESTS = 10_000;
  private static final int COLLECTIONS = 3;
  private static final int DOCUMENTS = 12;
  private static final String ADMIN_KEY = "isolation-admin-key-0123456789";
  private static final List<String> WORDS =
      List.of(
          "vacuum", "tuple", "index", "query", "planner", "replica", "shard", "vector", "lucene",
          "token", "chunk", "embed", "rerank", "fusion", "latency", "cache", "bucket", "tenant",
          "filter", "schema", "commit", "segment", "merge", "ranking", "recall", "golden", "judge",
          "upload", "parser", "batch");

  private ApplicationContext context;
  private JsonMapper json;
  private ApiClient anonymous;
  private long seed;

  /** Per collection: its name, its scoped key's client, its documents and jobs. */
  private record Tenant(String name, ApiClient client, Set<String> documents, List<String> jobs) {}

  private final List<Tenant> tenants = new ArrayList<>();
  private ApiClient admin;

  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  @BeforeAll
  void start() throws Exception {
    seed = Long.getLong("ragops.test.seed", System.nanoTime());
    System.out.println(
        getClass().getSimpleName()
            + " seed: "
            + seed
            + " (replay with -Dragops.test.seed="
            + seed
            + ")");
    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-isolation").toString());
    properties.put("ragops.auth.enabled", true);
    properties.put("ragops.auth.admin-key", ADMIN_KEY);
    properties.put("ragops.auth.rate-limit-per-second", 0);
    properties.put("ragops.query-log.sample-rate", 1.0);
    context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    json = context.getBean(JsonMapper.class);
    anonymous = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
    admin = anonymous.withKey(ADMIN_KEY);

    var random = new Random(seed);
    var pending = new ArrayList<String>();
    for (int c = 0; c < COLLECTIONS; c++) {
      String name = "tenant-" + c;
      expect(admin.postJson("/v1/collections", "{\"name\":\"" + name + "\"}"), 201);
      var key =
          parse(
              expect(
                  admin.postJson(
                      "/v1/keys",
                      "{\"name\":\""
                          + name
                          + "\",\"collections\":[\""
                          + name
                          + "\"],\"actions\":[\"search\",\"ingest\"]}"),
                  201));
      var tenant =
          new Tenant(
              name,
              anonymous.withKey(key.get("key").getStringValue()),
              new HashSet<>(),
              new ArrayList<>());
      for (int d = 0; d < DOCUMENTS; d++) {
        var text = new StringBuilder();
        for (int w = 0; w < 24; w++) {
          text.append(WORDS.get(random.nextInt(WORDS.size()))).append(w % 8 == 7 ? ". " : " ");
        }
        var submission =
            parse(
                expect(
                    tenant
                        .client()
                        .postMultipart(
                            "/v1/collections/" + name + "/documents",
                            Map.of(
                                name + "-" + d + ".txt",
                                text.toString().getBytes(StandardCharsets.UTF_8)),
                            Map.of()),
                    202));
        tenant.documents().add(submission.get("documentId").getStringValue());
        tenant.jobs().add(submission.get("jobId").getStringValue());
        pending.add(submission.get("jobId").getStringValue());
      }
      tenants.add(tenant);
    }
    for (String job : pending) {
      awaitSucceeded(job);
    }
  }

  @AfterAll
  void stop() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void noKeyEverSeesAnotherCollectionsDocumentsHitsJobsOrQueries() throws Exception {
    var violations = new ConcurrentLinkedQueue<String>();
    var counts = new ConcurrentHashMap<String, AtomicLong>();
    ExecutorService pool = Executors.newFixedThreadPool(8);
    long started = System.nanoTime();
    for (int i = 0; i < REQUESTS; i++) {
      long requestSeed = seed * 1_000_003L + i;
      pool.execute(() -> {
        try {
          String outcome = randomRequest(new Random(requestSeed));
          counts.computeIfAbsent(outcome, k -> new AtomicLong()).incrementAndGet();
        } catch (AssertionError | RuntimeException e) {
          violations.add("request seed " + requestSeed + ": " + e.getMessage());
        }
      });
    }
    pool.shutdown();
    assertThat(pool.awaitTermination(5, TimeUnit.MINUTES)).isTrue();
    System.out.printf(
        "%s: %d requests in %d ms: %s%n",
        getClass().getSimpleName(),
        REQUESTS,
        Duration.ofNanos(System.nanoTime() - started).toMillis(),
        new java.util.TreeMap<>(counts));

    assertThat(violations).as("seed %d", seed).isEmpty();
    assertThat(counts.values().stream().mapToLong(AtomicLong::get).sum()).isEqualTo(REQUESTS);
    for (String outcome :
        List.of(
            "search:hits",
            "search:403",
            "documents:200",
            "documents:403",
            "document:200",
            "document:404",
            "document:403",
            "job:200",
            "job:403",
            "queries:200",
            "queries:403",
            "variant:denied")) {
      assertThat(counts).as("seed %d: some %s", seed, outcome).containsKey(outcome);
    }
  }

  /** One random request; returns its kind and outcome, or throws when it shows a foreign item. */
  private String randomRequest(Random random) {
    int keyIndex = random.nextInt(COLLECTIONS + 1);
    boolean isAdmin = keyIndex == COLLECTIONS;
    ApiClient client = isAdmin ? admin : tenants.get(keyIndex).client();
    Tenant target = tenants.get(random.nextInt(COLLECTIONS));
    boolean allowed = isAdmin || tenants.get(keyIndex) == target;
    int operation = random.nextInt(100);
    if (operation < 55) {
      return search(random, client, target, allowed);
    } else if (operation < 65) {
      var response = client.get("/v1/collections/" + target.name() + "/documents");
      if (!allowed) {
        return denied("documents", response);
      }
      var documents = parse(expect(response, 200)).get("documents");
      for (int i = 0; i < documents.size(); i++) {
        requireOwn(target, documents.get(i).get("documentId").getStringValue(), "listed document");
      }
      return "documents:200";
    } else if (operation < 80) {
      Tenant owner = tenants.get(random.nextInt(COLLECTIONS));
      String documentId = pick(random, owner.documents());
      var response = client.get("/v1/collections/" + target.name() + "/documents/" + documentId);
      if (!allowed) {
        return denied("document", response);
      }
      if (owner != target) {
        expect(response, 404);
        return "document:404";
      }
      var document = parse(expect(response, 200));
      requireOwn(target, document.get("documentId").getStringValue(), "document");
      return "document:200";
    } else if (operation < 90) {
      Tenant owner = tenants.get(random.nextInt(COLLECTIONS));
      String jobId = owner.jobs().get(random.nextInt(owner.jobs().size()));
      var response = client.get("/v1/jobs/" + jobId);
      if (!(isAdmin || tenants.get(keyIndex) == owner)) {
        return denied("job", response);
      }
      requireOwn(
          owner, parse(expect(response, 200)).get("documentId").getStringValue(), "job's document");
      return "job:200";
    } else if (operation < 97) {
      var response = client.get("/v1/collections/" + target.name() + "/queries?limit=20");
      if (!allowed) {
        return denied("queries", response);
      }
      var queries = parse(expect(response, 200)).get("queries");
      for (int i = 0; i < queries.size(); i++) {
        var ids = queries.get(i).get("documentIds");
        for (int j = 0; j < ids.size(); j++) {
          requireOwn(target, ids.get(j).getStringValue(), "logged query's document");
        }
      }
      return "queries:200";
    }
    return pathVariant(random, client, target, allowed);
  }

  private String search(Random random, ApiClient client, Tenant target, boolean allowed) {
    String mode =
        random.nextInt(10) == 0 ? (random.nextBoolean() ? "hybrid" : "vector") : "keyword";
    String query =
        WORDS.get(random.nextInt(WORDS.size())) + " " + WORDS.get(random.nextInt(WORDS.size()));
    var response =
        client.postJson(
            "/v1/collections/" + target.name() + "/search",
            "{\"query\":\""
                + query
                + "\",\"k\":"
                + (1 + random.nextInt(20))
                + ",\"mode\":\""
                + mode
                + "\"}");
    if (!allowed) {
      return denied("search", response);
    }
    var results = parse(expect(response, 200)).get("results");
    for (int i = 0; i < results.size(); i++) {
      var hit = results.get(i);
      requireOwn(target, hit.get("documentId").getStringValue(), "hit");
      String sourceId = hit.get("sourceId").getStringValue();
      if (!sourceId.startsWith(target.name() + "-")) {
        throw new AssertionError("hit from " + sourceId + " in a search of " + target.name());
      }
    }
    return results.size() > 0 ? "search:hits" : "search:empty";
  }

  /** A search of another collection through a path that differs in case, encoding or slashes. */
  private String pathVariant(Random random, ApiClient client, Tenant target, boolean allowed) {
    if (allowed) {
      return "variant:skipped";
    }
    String encoded =
        target.name().chars().mapToObj(c -> String.format("%%%02X", c)).reduce("", String::concat);
    List<String> paths =
        List.of(
            "/v1/collections/" + target.name() + "/search/",
            "/v1/Collections/" + target.name() + "/search",
            "/V1/collections/" + target.name() + "/search",
            "/v1/collections/" + encoded + "/search",
            "/v1//collections/" + target.name() + "/search",
            "/v1/collections/" + target.name() + "/./search");
    var response =
        client.postJson(
            paths.get(random.nextInt(paths.size())), "{\"query\":\"vacuum\",\"mode\":\"keyword\"}");
    if (response.statusCode() < 400) {
      throw new AssertionError("a variant path reached " + target.name() + ": " + response.body());
    }
    return "variant:denied";
  }

  private void requireOwn(Tenant target, String documentId, String what) {
    if (!target.documents().contains(documentId)) {
      throw new AssertionError(what + " " + documentId + " is not in " + target.name());
    }
  }

  private static String denied(String kind, HttpResponse<String> response) {
    if (response.statusCode() != 403) {
      throw new AssertionError(
          kind + ": expected 403, got " + response.statusCode() + ": " + response.body());
    }
    return kind + ":403";
  }

  private static String pick(Random random, Set<String> values) {
    var list = values.stream().sorted().toList();
    return list.get(random.nextInt(list.size()));
  }

  private void awaitSucceeded(String jobId) {
    long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
    while (true) {
      var job = parse(expect(admin.get("/v1/jobs/" + jobId), 200));
      String status = job.get("status").getStringValue();
      if (status.equals("succeeded")) {
        return;
      }
      assertThat(status).as("job %s", job).isNotEqualTo("failed");
      assertThat(System.nanoTime()).as("job %s still %s", jobId, status).isLessThan(deadline);
      SliceContract.sleep(50);
    }
  }

  private static HttpResponse<String> expect(HttpResponse<String> response, int status) {
    if (response.statusCode() != status) {
      throw new AssertionError(
          "expected " + status + ", got " + response.statusCode() + ": " + response.body());
    }
    return response;
  }

  private JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new AssertionError("not JSON: " + response.body(), e);
    }
  }
}
