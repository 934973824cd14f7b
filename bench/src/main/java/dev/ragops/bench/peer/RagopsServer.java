package dev.ragops.bench.peer;

import dev.ragops.testkit.TestPostgres;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A ragops server in PostgreSQL mode, started from {@code server/target/ragops.jar} as its own
 * process (so its heap, GC and threads are its own, as in production), with API keys off. It is
 * ready when {@code /health} answers 200, i.e. once its Lucene index has caught up with the
 * database.
 */
final class RagopsServer implements AutoCloseable {

  private final Process process;
  private final URI uri;
  private final Path log;

  private RagopsServer(Process process, URI uri, Path log) {
    this.process = process;
    this.uri = uri;
    this.log = log;
  }

  /**
   * Starts the server and waits until it is ready.
   *
   * @param database JDBC URL, user and password of the PostgreSQL to use
   * @param dataDir where the node's Lucene index lives (a fresh one is rebuilt from the database)
   * @param properties extra {@code -D} settings, e.g. {@code ragops.search.candidates=50}
   */
  static RagopsServer start(
      Path jar,
      TestPostgres.Database database,
      Path dataDir,
      String heap,
      Map<String, String> properties)
      throws IOException, InterruptedException {
    if (!Files.isRegularFile(jar)) {
      throw new IllegalStateException(
          jar + " is missing: build it with ./mvnw -pl server -am package");
    }
    int port;
    try (var socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    Files.createDirectories(dataDir);
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx" + heap);
    command.add("--add-modules");
    command.add("jdk.incubator.vector");
    command.add("-Dai.djl.offline=true");
    command.add("-Dragops.auth.enabled=false");
    command.add("-Dmicronaut.server.port=" + port);
    properties.forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("-jar");
    command.add(jar.toString());
    Path log = dataDir.resolve("server.log");
    var builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> env = builder.environment();
    env.put("RAGOPS_DATABASE_URL", database.url());
    env.put("RAGOPS_DATABASE_USER", database.user());
    env.put("RAGOPS_DATABASE_PASSWORD", database.password());
    env.put("RAGOPS_DATA_DIR", dataDir.toString());
    env.put("OPT_OUT_TRACKING", "true");
    var server = new RagopsServer(builder.start(), URI.create("http://127.0.0.1:" + port), log);
    server.awaitReady(Duration.ofMinutes(30));
    return server;
  }

  URI uri() {
    return uri;
  }

  private void awaitReady(Duration limit) throws IOException, InterruptedException {
    var http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    long deadline = System.nanoTime() + limit.toNanos();
    while (System.nanoTime() < deadline) {
      if (!process.isAlive()) {
        throw new IllegalStateException(
            "ragops exited with " + process.exitValue() + "; see " + log);
      }
      try {
        var response =
            http.send(
                HttpRequest.newBuilder(uri.resolve("/health")).GET().build(),
                HttpResponse.BodyHandlers.discarding());
        if (response.statusCode() == 200) {
          return;
        }
      } catch (IOException notYet) {
        // not listening yet
      }
      Thread.sleep(500);
    }
    close();
    throw new IllegalStateException("ragops was not ready within " + limit + "; see " + log);
  }

  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
