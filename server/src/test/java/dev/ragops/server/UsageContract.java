package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.sun.net.httpserver.HttpServer;
import dev.ragops.model.Tokenizer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Token and cost accounting with API keys on: real Cranfield abstracts are ingested and searched
 * under two keys; the figures of {@code /v1/usage} are checked against the model's own tokenizer
 * over the stored chunks, the Prometheus counters against them, and a hard budget refuses ingestion
 * with 429 after alerting through a real webhook.
 */
abstract class UsageContract extends GuardrailsContract {

  static final String ADMIN = "usage-test-admin-key-0123456789";
  private static final double PER_1K = 0.02;

  private final List<String> webhookBodies = new CopyOnWriteArrayList<>();
  private HttpServer webhook;

  @Override
  Map<String, Object> extraProperties() {
    try {
      webhook = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    webhook.createContext(
        "/alerts",
        exchange -> {
          webhookBodies.add(
              new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(204, -1);
          exchange.close();
        });
    webhook.start();
    Map<String, Object> properties = new HashMap<>();
    properties.put("ragops.auth.enabled", true);
    properties.put("ragops.auth.admin-key", ADMIN);
    properties.put("ragops.usage.prices.bge.model", "bge-small-en-v1.5-q");
    properties.put("ragops.usage.prices.bge.per-thousand-tokens", PER_1K);
    properties.put("ragops.usage.budgets.capped-daily.collection", "capped");
    properties.put("ragops.usage.budgets.capped-daily.period", "day");
    properties.put("ragops.usage.budgets.capped-daily.tokens", 60);
    properties.put("ragops.usage.budgets.capped-daily.alert-at", 0.5);
    properties.put("ragops.usage.budgets.capped-daily.hard-limit", true);
    // nothing written on a timer: the test below sees exactly what searches and reads write
    properties.put("ragops.usage.flush-interval", "1h");
    properties.put("ragops.query-log.flush-interval", "1h");
    properties.put("ragops.query-log.queue", 4);
    properties.put(
        "ragops.usage.alert-webhook",
        "http://127.0.0.1:" + webhook.getAddress().getPort() + "/alerts");
    return properties;
  }

  @AfterAll
  void stopWebhook() {
    webhook.stop(0);
  }

  private List<String> cranfield(int count) {
    try {
      // the first six Cranfield abstracts (../shared/datasets/cranfield/corpus.jsonl)
      return Files.readAllLines(Path.of("src/test/resources/cranfield-6.jsonl")).stream()
          .limit(count)
          .map(line -> {
            try {
              return json.readValue(line, JsonNode.class).get("text").getStringValue();
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          })
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String newKey(String name, String actions) {
    var created =
        api.withKey(ADMIN)
            .postJson(
                "/v1/keys",
                "{\"name\":\"" + name + "\",\"collections\":[\"*\"],\"actions\":" + actions + "}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return parse(created).get("key").getStringValue();
  }

  private long tokensOfStoredChunks(String collection) {
    var tokenizer = context.getBean(Tokenizer.class);
    return column(
            "SELECT c.text FROM chunks c JOIN collections k ON k.id = c.collection_id"
                + " WHERE k.name = ?",
            collection)
        .stream()
        .mapToLong(tokenizer::count)
        .sum();
  }

  @Test
  void countsTokensChunksDocumentsAndSearchesPerCollectionAndKey() {
    String ingestKey = newKey("ingester", "[\"ingest\",\"search\"]");
    String searchKey = newKey("searcher", "[\"search\"]");
    var admin = api.withKey(ADMIN);
    assertThat(admin.postJson("/v1/collections", "{\"name\":\"counted\"}").statusCode())
        .isEqualTo(201);
    var docs = cranfield(3);
    api = api.withKey(ingestKey);
    for (int i = 0; i < docs.size(); i++) {
      ingested("counted", "cran-" + i + ".txt", docs.get(i));
    }
    long firstDocTokens = tokensOfStoredChunks("counted");
    ingested("counted", "cran-0-copy.txt", docs.get(0)); // same text: served from the cache
    long allTokens = tokensOfStoredChunks("counted");
    long savedTokens = allTokens - firstDocTokens;
    api = api.withKey(searchKey);
    search("counted", "{\"query\":\"slipstream lift increase\"}");
    search("counted", "{\"query\":\"boundary layer\",\"mode\":\"keyword\"}");

    var byCollection = parse(admin.get("/v1/usage?groupBy=collection"));
    var row = rowOf(byCollection.get("rows"), "counted");
    assertThat(row.get("documents").getLongValue()).isEqualTo(4);
    assertThat(row.get("chunks").getLongValue())
        .isEqualTo(
            Long.parseLong(
                column(
                        "SELECT COUNT(*) FROM chunks c JOIN collections k"
                            + " ON k.id = c.collection_id WHERE k.name = 'counted'")
                    .get(0)));
    assertThat(row.get("tokensSaved").getLongValue()).isEqualTo(savedTokens).isPositive();
    assertThat(row.get("embeddingTokens").getLongValue()).isEqualTo(firstDocTokens);
    assertThat(row.get("searchRequests").getLongValue()).isEqualTo(2);
    assertThat(row.get("queryTokens").getLongValue()).isPositive();
    long charged = firstDocTokens + row.get("queryTokens").getLongValue();
    assertThat(row.get("cost").getDoubleValue())
        .as(row.toString())
        .isCloseTo(charged / 1000.0 * PER_1K, within(1e-9));
    assertThat(row.get("costSaved").getDoubleValue())
        .isCloseTo(savedTokens / 1000.0 * PER_1K, within(1e-9));

    var byKey = parse(admin.get("/v1/usage?groupBy=key")).get("rows");
    String ingestKeyId = keyId("ingester");
    String searchKeyId = keyId("searcher");
    assertThat(rowOf(byKey, ingestKeyId).get("documents").getLongValue()).isEqualTo(4);
    assertThat(rowOf(byKey, ingestKeyId).get("searchRequests").getLongValue()).isZero();
    assertThat(rowOf(byKey, searchKeyId).get("searchRequests").getLongValue()).isEqualTo(2);
    assertThat(rowOf(byKey, searchKeyId).get("embeddingTokens").getLongValue()).isZero();

    var meters = context.getBean(MeterRegistry.class);
    assertThat(
            meters.get("ragops.usage.tokens.saved").tag("collection", "counted").counter().count())
        .isEqualTo(savedTokens);
    assertThat(
            meters
                .get("ragops.usage.searches")
                .tag("collection", "counted")
                .tag("key", searchKeyId)
                .counter()
                .count())
        .isEqualTo(2);
    assertThat(admin.get("/prometheus").body())
        .contains("ragops_usage_tokens_total{collection=\"counted\"");
  }

  @Test
  void hardBudgetAlertsThenRefusesIngestionWith429() throws InterruptedException {
    api = api.withKey(ADMIN);
    createCollection("{\"name\":\"capped\"}");
    // a text no other test ingests: embedding-cache hits are free and would not count
    ingested("capped", "first.txt", cranfield(6).get(5));
    var refused =
        api.postMultipart(
            "/v1/collections/capped/documents",
            Map.of("second.txt", "the flutter of a wing".getBytes(StandardCharsets.UTF_8)),
            Map.of());
    assertThat(refused.statusCode()).isEqualTo(429);
    assertThat(refused.headers().firstValue("Content-Type"))
        .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(parse(refused).get("detail").getStringValue())
        .contains("budget 'capped-daily'", "collection capped", "60 tokens per day", "is spent");
    assertThat(parse(api.get("/v1/collections/capped")).get("documents").getLongValue())
        .isEqualTo(1);
    // searching is not refused
    search("capped", "{\"query\":\"slipstream\"}");

    long deadline = System.currentTimeMillis() + 10_000;
    while (webhookBodies.size() < 2 && System.currentTimeMillis() < deadline) {
      Thread.sleep(50);
    }
    assertThat(webhookBodies).hasSize(2);
    assertThat(webhookBodies.get(0) + webhookBodies.get(1))
        .contains("\"level\":\"threshold\"", "\"level\":\"limit\"", "\"budget\":\"capped-daily\"");
    var meters = context.getBean(MeterRegistry.class);
    assertThat(meters.get("ragops.budget.used.ratio").tag("budget", "capped-daily").gauge().value())
        .isGreaterThanOrEqualTo(1.0);
    assertThat(
            meters
                .get("ragops.budget.alerts")
                .tag("budget", "capped-daily")
                .tag("level", "limit")
                .counter()
                .count())
        .isEqualTo(1);
  }

  @Test
  void searchesAreWrittenBehindInBatchesAndNoneIsLost() {
    var admin = api.withKey(ADMIN);
    api = admin;
    createCollection("{\"name\":\"tallied\"}");
    ingested("tallied", "cran.txt", cranfield(1).get(0));
    // reading the log writes the queue, which other tests' searches may have left entries in
    assertThat(admin.get("/v1/collections/tallied/queries").statusCode()).isEqualTo(200);
    List<String> queryIds = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      queryIds.add(
          search("tallied", "{\"query\":\"slipstream " + i + "\"}")
              .get("queryId")
              .getStringValue());
    }
    // the query log's queue holds 4; the other 8 searches wrote their own entries
    assertThat(column("SELECT COUNT(*) FROM query_log WHERE collection = 'tallied'"))
        .containsExactly("8");
    var logged = parse(admin.get("/v1/collections/tallied/queries?limit=50")).get("queries");
    List<String> loggedIds = new java.util.ArrayList<>();
    for (int i = 0; i < logged.size(); i++) {
      loggedIds.add(logged.get(i).get("queryId").getStringValue());
    }
    assertThat(loggedIds).containsExactlyInAnyOrderElementsOf(queryIds);

    // search usage waits in memory, then goes in as one row for the collection, key and model
    assertThat(
            column(
                "SELECT COUNT(*) FROM usage_events WHERE collection = 'tallied'"
                    + " AND kind = 'search'"))
        .containsExactly("0");
    var row = rowOf(parse(admin.get("/v1/usage")).get("rows"), "tallied");
    assertThat(row.get("searchRequests").getLongValue()).isEqualTo(12);
    assertThat(
            column(
                "SELECT events FROM usage_events WHERE collection = 'tallied'"
                    + " AND kind = 'search'"))
        .containsExactly("12");
  }

  @Test
  void badUsageParametersAre400sNamingTheField() {
    var admin = api.withKey(ADMIN);
    var groupBy = admin.get("/v1/usage?groupBy=model");
    assertThat(groupBy.statusCode()).isEqualTo(400);
    assertThat(parse(groupBy).get("detail").getStringValue()).contains("groupBy");
    var from = admin.get("/v1/usage?from=yesterday");
    assertThat(from.statusCode()).isEqualTo(400);
    assertThat(parse(from).get("detail").getStringValue()).contains("from");
    assertThat(api.withKey(null).get("/v1/usage").statusCode()).isEqualTo(401);
  }

  private String keyId(String name) {
    var keys = parse(api.withKey(ADMIN).get("/v1/keys")).get("keys");
    for (int i = 0; i < keys.size(); i++) {
      if (keys.get(i).get("name").getStringValue().equals(name)) {
        return keys.get(i).get("id").getStringValue();
      }
    }
    throw new AssertionError("no key " + name + " in " + keys);
  }

  private static JsonNode rowOf(JsonNode rows, String group) {
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).get("group").getStringValue().equals(group)) {
        return rows.get(i);
      }
    }
    throw new AssertionError("no usage row " + group + " in " + rows);
  }
}
