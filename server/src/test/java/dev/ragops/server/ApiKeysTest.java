package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** API keys over HTTP: hashing, scopes, revocation, rate limits, public paths and CORS. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ApiKeysTest {

  private static final String ADMIN_KEY = "admin-key-for-tests-0123456789";

  private ApplicationContext context;
  private JsonMapper json;
  private ApiClient anonymous;
  private ApiClient admin;

  @BeforeAll
  void start() throws IOException {
    context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "ragops.data-dir",
                    Files.createTempDirectory("ragops-keys").toString(),
                    "ragops.auth.enabled",
                    true,
                    "ragops.auth.admin-key",
                    ADMIN_KEY,
                    "ragops.auth.rate-limit-per-second",
                    20,
                    "micronaut.server.cors.enabled",
                    true,
                    "micronaut.server.cors.configurations.web.allowed-origins",
                    List.of("https://app.example")))
            .start();
    json = context.getBean(JsonMapper.class);
    anonymous = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
    admin = anonymous.withKey(ADMIN_KEY);
    for (String name : List.of("alpha", "beta")) {
      var created = admin.postJson("/v1/collections", "{\"name\":\"" + name + "\"}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    }
  }

  @AfterAll
  void stop() {
    context.close();
  }

  @Test
  void requestsWithoutAnActiveKeyAre401Problems() {
    var responses =
        List.of(
            anonymous.get("/v1/collections/alpha"),
            anonymous.withKey("rgk_not-a-key-at-all").get("/v1/collections/alpha"),
            anonymous.withKey("").get("/v1/collections/alpha"));
    for (var response : responses) {
      assertThat(response.statusCode()).isEqualTo(401);
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValueSatisfying(type -> assertThat(type).startsWith("application/problem+json"));
      assertThat(response.headers().firstValue("WWW-Authenticate"))
          .hasValue("Bearer realm=\"ragops\"");
      assertThat(parse(response).get("detail").getStringValue()).contains("Authorization: Bearer");
      assertThat(response.body()).doesNotContain("rgk_not-a-key-at-all");
    }
  }

  @Test
  void showsANewKeyOnceAndListsOnlyItsPrefix() {
    var created = createKey("reader", List.of("alpha"), List.of("search"));
    String secret = created.get("key").getStringValue();
    assertThat(secret).startsWith("rgk_").startsWith(created.get("prefix").getStringValue());

    var listed = admin.get("/v1/keys");
    assertThat(listed.statusCode()).isEqualTo(200);
    assertThat(listed.body()).contains(created.get("id").getStringValue()).doesNotContain(secret);
    var keys = parse(listed).get("keys");
    for (int i = 0; i < keys.size(); i++) {
      assertThat(keys.get(i).get("key").isNull()).isTrue();
    }
  }

  @Test
  void aScopedKeyReachesOnlyItsCollectionAndActions() {
    var reader =
        anonymous.withKey(
            createKey("alpha-reader", List.of("alpha"), List.of("search"))
                .get("key")
                .getStringValue());

    assertThat(
            reader
                .postJson("/v1/collections/alpha/search", "{\"query\":\"x\",\"mode\":\"keyword\"}")
                .statusCode())
        .isEqualTo(200);
    assertThat(reader.get("/v1/collections/alpha").statusCode()).isEqualTo(200);

    var forbidden =
        List.of(
            reader.postJson(
                "/v1/collections/beta/search", "{\"query\":\"x\",\"mode\":\"keyword\"}"),
            reader.get("/v1/collections/beta"),
            reader.get("/v1/collections/beta/queries"),
            reader.get("/v1/collections"),
            reader.postJson(
                "/v1/collections/alpha/documents", "{\"sourceId\":\"a\",\"text\":\"a\"}"),
            reader.get("/v1/collections/alpha/documents"),
            reader.delete("/v1/collections/alpha"),
            reader.postJson("/v1/collections/alpha/index:rebuild", "{}"),
            reader.postJson("/v1/collections", "{\"name\":\"gamma\"}"),
            reader.get("/v1/keys"),
            reader.postJson(
                "/v1/keys", "{\"name\":\"x\",\"collections\":[\"*\"],\"actions\":[\"admin\"]}"));
    for (var response : forbidden) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(403);
      assertThat(parse(response).get("status").getIntValue()).isEqualTo(403);
    }
    assertThat(admin.get("/v1/collections/gamma").statusCode()).isEqualTo(404);
  }

  @Test
  void aRevokedKeyStopsWorkingAtOnce() {
    var created = createKey("short-lived", List.of("*"), List.of("search"));
    var client = anonymous.withKey(created.get("key").getStringValue());
    assertThat(client.get("/v1/collections").statusCode()).isEqualTo(200);

    assertThat(admin.delete("/v1/keys/" + created.get("id").getStringValue()).statusCode())
        .isEqualTo(204);

    assertThat(client.get("/v1/collections").statusCode()).isEqualTo(401);
    assertThat(admin.get("/v1/keys").body()).doesNotContain(created.get("id").getStringValue());
    assertThat(admin.delete("/v1/keys/" + created.get("id").getStringValue()).statusCode())
        .isEqualTo(404);
  }

  @Test
  void rejectsMalformedKeyRequests() {
    for (String body :
        List.of(
            "{\"name\":\"x\",\"collections\":[\"alpha\"],\"actions\":[\"fly\"]}",
            "{\"name\":\"x\",\"collections\":[\"Not A Name\"],\"actions\":[\"search\"]}",
            "{\"name\":\"x\",\"collections\":[\"*\",\"alpha\"],\"actions\":[\"search\"]}",
            "{\"name\":\"x\",\"collections\":[],\"actions\":[\"search\"]}",
            "{\"name\":\" \",\"collections\":[\"alpha\"],\"actions\":[\"search\"]}")) {
      var response = admin.postJson("/v1/keys", body);
      assertThat(response.statusCode()).as(body + " → " + response.body()).isEqualTo(400);
    }
  }

  @Test
  void aKeyOverItsRateLimitGets429WithRetryAfter() {
    var client =
        anonymous.withKey(
            createKey("hasty", List.of("alpha"), List.of("search")).get("key").getStringValue());
    int limited = 0;
    for (int i = 0; i < 60; i++) {
      var response = client.get("/v1/collections/alpha");
      if (response.statusCode() == 429) {
        limited++;
        assertThat(response.headers().firstValue("Retry-After")).hasValue("1");
        assertThat(parse(response).get("detail").getStringValue()).contains("rate limit");
      } else {
        assertThat(response.statusCode()).isEqualTo(200);
      }
    }
    assertThat(limited).as("requests over 20 per second").isPositive();
  }

  @Test
  void healthMetricsAndDocsNeedNoKey() {
    assertThat(anonymous.get("/health").statusCode()).isEqualTo(200);
    var readiness = anonymous.get("/health/readiness");
    assertThat(readiness.statusCode()).isEqualTo(200);
    assertThat(readiness.body()).contains("lucene");
    assertThat(anonymous.get("/health/liveness").statusCode()).isEqualTo(200);
    assertThat(anonymous.get("/v1/collections").statusCode()).isEqualTo(401);
    var metrics = anonymous.get("/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("ragops_auth_denied_total{reason=\"unauthenticated\"}")
        .contains("ragops_ingest_jobs{status=\"queued\"}")
        .contains("ragops_lucene_caught_up 1.0")
        .contains("http_server_requests_seconds_count{");
    assertThat(anonymous.get("/swagger/ragops.yml").statusCode()).isEqualTo(200);
  }

  @Test
  void corsPreflightsPassWithoutAKey() throws Exception {
    var preflight =
        HttpRequest.newBuilder(
                context
                    .getBean(EmbeddedServer.class)
                    .getURI()
                    .resolve("/v1/collections/alpha/search"))
            .method("OPTIONS", HttpRequest.BodyPublishers.noBody())
            .header("Origin", "https://app.example")
            .header("Access-Control-Request-Method", "POST")
            .header("Access-Control-Request-Headers", "authorization,content-type")
            .build();
    var response = HttpClient.newHttpClient().send(preflight, HttpResponse.BodyHandlers.ofString());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Access-Control-Allow-Origin"))
        .hasValue("https://app.example");
  }

  private JsonNode createKey(String name, List<String> collections, List<String> actions) {
    try {
      var response =
          admin.postJson(
              "/v1/keys",
              json.writeValueAsString(
                  Map.of("name", name, "collections", collections, "actions", actions)));
      assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
      return parse(response);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }
}
