package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micronaut.context.ApplicationContext;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.jobrunr.scheduling.JobScheduler;
import org.junit.jupiter.api.Test;

/**
 * The job engine wired over the application's own H2 database: jobs enqueued through the {@link
 * JobScheduler} bean run exactly once on a process whose role runs jobs, and wait on one whose role
 * does not until a worker takes them.
 */
class JobEngineIT {

  private static final Duration TIMEOUT = Duration.ofSeconds(60);

  @Test
  void runsEveryEnqueuedJobOnceOnH2() throws IOException {
    try (var context = node("all", Files.createTempDirectory("ragops-jobs"), null, "solo")) {
      runsEveryEnqueuedJobOnce(context);
    }
  }

  @Test
  void runsEveryEnqueuedJobOnceOnPostgres() throws IOException {
    Map<String, Object> properties = PostgresMode.freshDatabase();
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-jobs-pg").toString());
    try (var context = ApplicationContext.run(properties, PostgresMode.ENVIRONMENTS)) {
      runsEveryEnqueuedJobOnce(context);
    }
  }

  private static void runsEveryEnqueuedJobOnce(ApplicationContext context) {
    String batch = UUID.randomUUID().toString();
    {
      var scheduler = context.getBean(JobScheduler.class);
      List<String> keys = IntStream.range(0, 30).mapToObj(i -> batch + "-" + i).toList();
      keys.forEach(key -> scheduler.<RecordingJob>enqueue(job -> job.run(key)));

      await(() -> keys.stream().allMatch(RecordingJob.RUNS::containsKey));
      assertThat(keys).allSatisfy(key -> assertThat(RecordingJob.RUNS.get(key)).hasSize(1));
    }
  }

  @Test
  void apiRoleEnqueuesAndWorkerRoleRuns() throws IOException {
    Path shared = Files.createTempDirectory("ragops-jobs-shared");
    String database =
        "jdbc:h2:file:"
            + shared.resolve("ragops")
            + ";MODE=PostgreSQL;"
            + "DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH";
    String key = UUID.randomUUID().toString();
    try (var api = node("api", Files.createTempDirectory("ragops-api"), database, "api")) {
      assertThat(api.getBean(JobServer.class).running()).isFalse();
      api.getBean(JobScheduler.class).<RecordingJob>enqueue(job -> job.run(key));
      try (var worker =
          node("worker", Files.createTempDirectory("ragops-worker"), database, "worker")) {
        assertThat(worker.getBean(JobServer.class).running()).isTrue();
        await(() -> RecordingJob.RUNS.containsKey(key));
        assertThat(RecordingJob.RUNS.get(key)).containsExactly("worker");
      }
    }
  }

  @Test
  void refusesAnUnknownRole() {
    assertThatThrownBy(() -> Role.of("gpu"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("ragops.role")
        .hasMessageContaining("all, api, worker, embedder");
  }

  private static ApplicationContext node(String role, Path dataDir, String url, String name) {
    Map<String, Object> properties = new HashMap<>();
    properties.put("ragops.role", role);
    properties.put("ragops.data-dir", dataDir.toString());
    properties.put("ragops.test.node", name);
    if (url != null) {
      properties.put("datasources.default.url", url);
    }
    return ApplicationContext.run(properties);
  }

  private static void await(BooleanSupplier condition) {
    long deadline = System.nanoTime() + TIMEOUT.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("not done within " + TIMEOUT);
      }
      try {
        Thread.sleep(50);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted", e);
      }
    }
  }
}
