package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

/**
 * Several ragops nodes (application contexts in this JVM, or {@link WorkerProcess}es) sharing one
 * fresh PostgreSQL database, with the checks the failover and reliability tests make on it: upload
 * through a node's API, wait for jobs, and count each document's chunks in the database.
 */
final class Cluster implements AutoCloseable {

  static final String ADMIN_KEY = "cluster-test-admin-key-0123456789abcdef";

  final Map<String, Object> database = PostgresMode.freshDatabase();
  private final List<ApplicationContext> nodes = new ArrayList<>();

  /** Starts a node of {@code role} with an HTTP server on a free port. */
  ApplicationContext node(String role, Map<String, Object> extra) {
    Map<String, Object> properties = new HashMap<>(database);
    try {
      properties.put("ragops.data-dir", Files.createTempDirectory("ragops-" + role).toString());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    properties.put("ragops.role", role);
    properties.put("ragops.auth.admin-key", ADMIN_KEY);
    properties.put("micronaut.server.port", -1);
    properties.putAll(extra);
    var context =
        Micronaut.build(new String[0])
            .properties(properties)
            .environments(PostgresMode.ENVIRONMENTS)
            .start();
    nodes.add(context);
    return context;
  }

  static ApiClient api(ApplicationContext node) {
    return new ApiClient(node.getBean(EmbeddedServer.class).getURI()).withKey(ADMIN_KEY);
  }

  static JsonNode json(ApplicationContext node, HttpResponse<String> response) {
    try {
      return node.getBean(JsonMapper.class).readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  /**
   * Uploads {@code documents} as multipart requests of {@code perRequest} files; returns job ids.
   */
  static List<String> upload(
      ApplicationContext node,
      String collection,
      List<GeneratedCorpus.Document> documents,
      int perRequest) {
    var api = api(node);
    List<String> jobIds = new ArrayList<>();
    for (int from = 0; from < documents.size(); from += perRequest) {
      Map<String, byte[]> files = new LinkedHashMap<>();
      for (var document : documents.subList(from, Math.min(from + perRequest, documents.size()))) {
        files.put(document.sourceId(), document.text().getBytes(StandardCharsets.UTF_8));
      }
      var response =
          api.postMultipart("/v1/collections/" + collection + "/documents", files, Map.of());
      assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
      var body = json(node, response);
      var submissions = body.get("submissions");
      if (submissions == null) {
        jobIds.add(body.get("jobId").getStringValue());
      } else {
        for (int i = 0; i < submissions.size(); i++) {
          jobIds.add(submissions.get(i).get("jobId").getStringValue());
        }
      }
    }
    return jobIds;
  }

  /** The status of every job in {@code jobIds}, read from the database. */
  Map<String, String> jobStatuses(List<String> jobIds) {
    Map<String, String> statuses = new HashMap<>();
    try (var connection = connect();
        var select = connection.prepareStatement("SELECT id, status FROM jobs")) {
      var rows = select.executeQuery();
      while (rows.next()) {
        statuses.put(rows.getString(1), rows.getString(2));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    statuses.keySet().retainAll(jobIds);
    return statuses;
  }

  /** Waits until every job has ended, succeeded or failed. */
  void awaitJobs(List<String> jobIds, Duration timeout) {
    await(
        () ->
            jobStatuses(jobIds).values().stream()
                    .filter(s -> s.equals("succeeded") || s.equals("failed"))
                    .count()
                == jobIds.size(),
        timeout,
        () -> "jobs not done: " + jobStatuses(jobIds));
  }

  /**
   * Per document of the collection: its status, chunk count, and the chunks stored for it as (rows,
   * distinct ordinals, distinct versions, lowest ordinal, highest ordinal).
   */
  List<DocumentChunks> documentChunks(String collection) {
    String sql =
        """
        SELECT d.source_id, d.status, d.chunk_count, COUNT(c.id), COUNT(DISTINCT c.ordinal),
               COUNT(DISTINCT c.document_version), COALESCE(MIN(c.ordinal), -1),
               COALESCE(MAX(c.ordinal), -1)
        FROM documents d JOIN collections k ON k.id = d.collection_id
        LEFT JOIN chunks c ON c.document_id = d.id
        WHERE k.name = ?
        GROUP BY d.source_id, d.status, d.chunk_count ORDER BY d.source_id\
        """;
    List<DocumentChunks> result = new ArrayList<>();
    try (var connection = connect();
        var select = connection.prepareStatement(sql)) {
      select.setString(1, collection);
      var rows = select.executeQuery();
      while (rows.next()) {
        result.add(
            new DocumentChunks(
                rows.getString(1),
                rows.getString(2),
                rows.getInt(3),
                rows.getInt(4),
                rows.getInt(5),
                rows.getInt(6),
                rows.getInt(7),
                rows.getInt(8)));
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    return result;
  }

  /** One document's stored chunks. */
  record DocumentChunks(
      String sourceId,
      String status,
      int chunkCount,
      int rows,
      int ordinals,
      int versions,
      int minOrdinal,
      int maxOrdinal) {

    /** Ready, with exactly one set of chunks: ordinals 0..n-1, each once, of one version. */
    boolean indexedOnce() {
      return status.equals("ready")
          && chunkCount > 0
          && rows == chunkCount
          && ordinals == chunkCount
          && versions == 1
          && minOrdinal == 0
          && maxOrdinal == chunkCount - 1;
    }
  }

  Connection connect() throws SQLException {
    return DriverManager.getConnection(
        database.get("datasources.default.url").toString(),
        database.get("datasources.default.username").toString(),
        database.get("datasources.default.password").toString());
  }

  static String newCollection(ApplicationContext node) {
    String name = "c" + UUID.randomUUID().toString().substring(0, 8);
    var created = api(node).postJson("/v1/collections", "{\"name\":\"" + name + "\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return name;
  }

  static void await(
      BooleanSupplier condition, Duration timeout, java.util.function.Supplier<String> what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not within " + timeout + ": " + what.get());
      }
      WorkerProcess.sleep(200);
    }
  }

  @Override
  public void close() {
    for (var node : nodes.reversed()) {
      if (node.isRunning()) {
        node.close();
      }
    }
  }
}
