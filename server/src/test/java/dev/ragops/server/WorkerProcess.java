package dev.ragops.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A ragops process in its own JVM, in PostgreSQL mode, started from the test's class path: what a
 * worker pod is, so that a test can {@code kill -9} it ({@link #kill()}) mid-job. Its output goes
 * to a log file under {@code target/}.
 */
final class WorkerProcess implements AutoCloseable {

  private static final Duration STARTUP = Duration.ofSeconds(120);

  private final Process process;
  private final Path log;

  private WorkerProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts a process of role {@code role} against the database in {@code database} (the keys of
   * {@link PostgresMode#freshDatabase()}) and waits until its job server runs.
   */
  static WorkerProcess start(String name, String role, Map<String, Object> database)
      throws IOException {
    Path dataDir = Files.createTempDirectory("ragops-" + name);
    Path log = Path.of("target", "worker-" + name + "-" + ProcessHandle.current().pid() + ".log");
    Files.createDirectories(log.getParent());
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    var builder =
        new ProcessBuilder(
                List.of(
                    java,
                    "--add-modules",
                    "jdk.incubator.vector",
                    "-Xmx1500m",
                    "-Dai.djl.offline=true",
                    // the production logging (INFO), not a test configuration on the class path
                    "-Dlogback.configurationFile=logback.xml",
                    "-cp",
                    System.getProperty("java.class.path"),
                    Application.class.getName()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile());
    var env = builder.environment();
    env.put("RAGOPS_DATABASE_URL", database.get("datasources.default.url").toString());
    env.put("RAGOPS_DATABASE_USER", database.get("datasources.default.username").toString());
    env.put("RAGOPS_DATABASE_PASSWORD", database.get("datasources.default.password").toString());
    env.put("RAGOPS_ROLE", role);
    env.put("RAGOPS_DATA_DIR", dataDir.toString());
    env.put("RAGOPS_ADMIN_KEY", "worker-process-admin-key-0123456789");
    env.put("MICRONAUT_SERVER_PORT", "-1");
    env.put("OPT_OUT_TRACKING", "true");
    var worker = new WorkerProcess(builder.start(), log);
    worker.awaitLog("running jobs with", STARTUP);
    return worker;
  }

  /** Waits until the process has logged {@code text}. */
  void awaitLog(String text, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!log().contains(text)) {
      if (!process.isAlive()) {
        throw new AssertionError("worker exited with " + process.exitValue() + ":\n" + log());
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError(
            "worker did not log '" + text + "' in " + timeout + ":\n" + log() + threadDump());
      }
      sleep(100);
    }
  }

  /** The process's threads, for a failure message. */
  private String threadDump() {
    try {
      String jstack = Path.of(System.getProperty("java.home"), "bin", "jstack").toString();
      var dump = new ProcessBuilder(jstack, Long.toString(process.pid())).start();
      return "\n" + new String(dump.getInputStream().readAllBytes());
    } catch (IOException e) {
      return "\n(no thread dump: " + e + ")";
    }
  }

  /** What the process has written so far. */
  String log() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code kill -9}: the process gets no chance to clean up, release its jobs or say goodbye. */
  void kill() {
    try {
      new ProcessBuilder("kill", "-9", Long.toString(process.pid())).inheritIO().start().waitFor();
      process.waitFor();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  boolean alive() {
    return process.isAlive();
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      kill();
    }
  }

  static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }
}
