package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.transaction.TransactionOperations;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A server in one storage mode for the guardrail, feedback and usage tests, with the real parser,
 * model and database, and plain JDBC reads of what it stored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class GuardrailsContract {

  private static final Duration JOB_TIMEOUT = Duration.ofSeconds(120);

  ApplicationContext context;
  JsonMapper json;
  ApiClient api;

  abstract Map<String, Object> storageProperties();

  abstract String[] environments();

  /** Extra properties of the test class (prices, budgets, sampling). */
  Map<String, Object> extraProperties() {
    return Map.of();
  }

  @BeforeAll
  void startServer() throws IOException {
    Map<String, Object> properties = new HashMap<>(storageProperties());
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-guard").toString());
    properties.putAll(extraProperties());
    context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    json = context.getBean(JsonMapper.class);
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
  }

  @AfterAll
  void stopServer() {
    if (context != null) {
      context.close();
    }
  }

  JsonNode parse(HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  void createCollection(String body) {
    var created = api.postJson("/v1/collections", body);
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
  }

  JsonNode upload(String collection, String fileName, byte[] content) {
    var response =
        api.postMultipart(
            "/v1/collections/" + collection + "/documents", Map.of(fileName, content), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return parse(response);
  }

  JsonNode uploadText(String collection, String fileName, String text) {
    return upload(collection, fileName, text.getBytes(StandardCharsets.UTF_8));
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
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }
  }

  JsonNode ingested(String collection, String fileName, String text) {
    var job = awaitJob(uploadText(collection, fileName, text).get("jobId").getStringValue());
    assertThat(job.get("status").getStringValue()).as(job.toString()).isEqualTo("succeeded");
    return job;
  }

  JsonNode search(String collection, String body) {
    var response = api.postJson("/v1/collections/" + collection + "/search", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    return parse(response);
  }

  /** The first column of every row {@code sql} selects, as text, read through the app's pool. */
  @SuppressWarnings("unchecked")
  List<String> column(String sql, Object... parameters) {
    TransactionOperations<Connection> transactions =
        context.getBean(Argument.of(TransactionOperations.class, Connection.class));
    return transactions.executeRead(status -> {
      try (PreparedStatement select = status.getConnection().prepareStatement(sql)) {
        for (int i = 0; i < parameters.length; i++) {
          select.setObject(i + 1, parameters[i]);
        }
        List<String> values = new ArrayList<>();
        try (ResultSet rows = select.executeQuery()) {
          while (rows.next()) {
            values.add(rows.getString(1));
          }
        }
        return values;
      } catch (SQLException e) {
        throw new IllegalStateException(e);
      }
    });
  }

  /** The strings of a JSON array, or of one field of its objects when {@code field} is set. */
  static List<String> texts(JsonNode array, String field) {
    List<String> values = new ArrayList<>();
    for (int i = 0; i < array.size(); i++) {
      var element = field == null ? array.get(i) : array.get(i).get(field);
      values.add(element.getStringValue());
    }
    return values;
  }
}
