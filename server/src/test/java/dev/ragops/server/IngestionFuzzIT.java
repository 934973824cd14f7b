package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.ingestion.SampleFiles;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile input, embedded mode: hundreds of truncated and mutated real files of every format, plus
 * a zip bomb, deeply nested archives and an encrypted PDF. Every job must end succeeded, or failed
 * with a reason; the server must stay healthy and its heap bounded. The seed is printed; {@code
 * -Dragops.test.seed=N} replays a run.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class IngestionFuzzIT {

  private static final int MUTANTS = 240;
  private static final int BATCH = 20;
  private static final long HEAP_GROWTH_BOUND = 384L * 1024 * 1024;

  private ApplicationContext context;
  private JsonMapper json;
  private ApiClient api;

  @BeforeAll
  void startServer() throws IOException {
    context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "ragops.data-dir",
                    Files.createTempDirectory("ragops-fuzz").toString(),
                    "ragops.ingest.parse-timeout",
                    "10s",
                    "ragops.ingest.max-characters",
                    2_000_000))
            .start();
    json = context.getBean(JsonMapper.class);
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
  }

  @AfterAll
  void stopServer() {
    if (context != null) {
      context.close();
    }
  }

  @Test
  void everyMutatedFileEndsReadyOrFailedWithAReason() throws IOException {
    long seed = Long.getLong("ragops.test.seed", System.nanoTime());
    System.out.println(
        "IngestionFuzzIT seed: " + seed + " (replay with -Dragops.test.seed=" + seed + ")");
    var random = new Random(seed);
    assertThat(api.postJson("/v1/collections", "{\"name\":\"fuzz\"}").statusCode()).isEqualTo(201);

    // warm up (model, parsers) before taking the heap baseline
    awaitAll(upload(Map.of("warmup.html", SampleFiles.html())));
    long baseline = heapAfterGc();

    var samples = SampleFiles.all();
    Map<String, byte[]> files = new LinkedHashMap<>();
    files.put("bomb.zip", zipBomb());
    files.put("nested.zip", nestedZips(15));
    files.put("sealed.pdf", SampleFiles.encryptedPdf());
    for (int i = 0; i < MUTANTS; i++) {
      var sample = samples.get(random.nextInt(samples.size()));
      files.put("m" + i + "-" + sample.name(), mutate(sample.content(), random));
    }
    int succeeded = 0;
    int failed = 0;
    List<String> names = new ArrayList<>(files.keySet());
    for (int from = 0; from < names.size(); from += BATCH) {
      Map<String, byte[]> batch = new LinkedHashMap<>();
      names
          .subList(from, Math.min(from + BATCH, names.size()))
          .forEach(name -> batch.put(name, files.get(name)));
      for (JsonNode job : awaitAll(upload(batch))) {
        String status = job.get("status").getStringValue();
        if (status.equals("failed")) {
          assertThat(job.get("error").getStringValue()).as("seed %d: %s", seed, job).isNotBlank();
          failed++;
        } else {
          assertThat(status).as("seed %d: %s", seed, job).isEqualTo("succeeded");
          succeeded++;
        }
      }
      assertThat(api.get("/health").statusCode()).as("seed %d: health", seed).isEqualTo(200);
    }
    System.out.printf(
        "IngestionFuzzIT: %d files, %d succeeded, %d failed with a reason%n",
        names.size(), succeeded, failed);
    assertThat(succeeded + failed).isEqualTo(names.size());
    assertThat(failed).as("the hostile files fail").isGreaterThanOrEqualTo(3);

    long growth = heapAfterGc() - baseline;
    System.out.printf("IngestionFuzzIT: heap growth after GC %d MB%n", growth >> 20);
    assertThat(growth).as("seed %d: heap growth after GC", seed).isLessThan(HEAP_GROWTH_BOUND);

    var documents = parse(api.get("/v1/collections/fuzz/documents")).get("documents");
    for (int i = 0; i < documents.size(); i++) {
      String status = documents.get(i).get("status").getStringValue();
      assertThat(status).isIn("ready", "failed");
    }
  }

  /** One of: truncate, flip bytes, cut a slice out, insert noise, repeat a slice, zero a slice. */
  static byte[] mutate(byte[] original, Random random) {
    byte[] bytes = original.clone();
    int length = bytes.length;
    return switch (random.nextInt(6)) {
      case 0 -> java.util.Arrays.copyOf(bytes, random.nextInt(Math.max(1, length)) + 1);
      case 1 -> {
        int flips = 1 + random.nextInt(50);
        for (int i = 0; i < flips; i++) {
          bytes[random.nextInt(length)] = (byte) random.nextInt(256);
        }
        yield bytes;
      }
      case 2 -> {
        int start = random.nextInt(length);
        int end = Math.min(length, start + 1 + random.nextInt(Math.max(1, length / 4)));
        var out = new ByteArrayOutputStream();
        out.write(bytes, 0, start);
        out.write(bytes, end, length - end);
        yield out.size() == 0 ? new byte[] {'x'} : out.toByteArray();
      }
      case 3 -> {
        int at = random.nextInt(length);
        byte[] noise = new byte[1 + random.nextInt(512)];
        random.nextBytes(noise);
        var out = new ByteArrayOutputStream();
        out.write(bytes, 0, at);
        out.writeBytes(noise);
        out.write(bytes, at, length - at);
        yield out.toByteArray();
      }
      case 4 -> {
        int start = random.nextInt(length);
        int end = Math.min(length, start + 1 + random.nextInt(256));
        var out = new ByteArrayOutputStream();
        out.write(bytes, 0, end);
        for (int i = 0; i < 1 + random.nextInt(20); i++) {
          out.write(bytes, start, end - start);
        }
        out.write(bytes, end, length - end);
        yield out.toByteArray();
      }
      default -> {
        int start = random.nextInt(length);
        int end = Math.min(length, start + 1 + random.nextInt(1024));
        java.util.Arrays.fill(bytes, start, end, (byte) 0);
        yield bytes;
      }
    };
  }

  /** 20 MB of one repeated line, compressed to a few kilobytes. */
  static byte[] zipBomb() throws IOException {
    var bytes = new ByteArrayOutputStream();
    try (var zip = new ZipOutputStream(bytes)) {
      zip.putNextEntry(new ZipEntry("bomb.txt"));
      byte[] line = "all work and no play makes a dull parser\n".repeat(100).getBytes();
      for (int i = 0; i < 5_000; i++) {
        zip.write(line);
      }
      zip.closeEntry();
    }
    return bytes.toByteArray();
  }

  static byte[] nestedZips(int depth) throws IOException {
    byte[] inner = "the bottom of the archive".getBytes();
    for (int level = 0; level < depth; level++) {
      var bytes = new ByteArrayOutputStream();
      try (var zip = new ZipOutputStream(bytes)) {
        zip.putNextEntry(new ZipEntry(level == 0 ? "bottom.txt" : "level" + level + ".zip"));
        zip.write(inner);
        zip.closeEntry();
      }
      inner = bytes.toByteArray();
    }
    return inner;
  }

  private List<String> upload(Map<String, byte[]> files) {
    var response = api.postMultipart("/v1/collections/fuzz/documents", files, Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    var answer = parse(response);
    List<String> jobIds = new ArrayList<>();
    if (answer.get("submissions") != null) {
      var submissions = answer.get("submissions");
      for (int i = 0; i < submissions.size(); i++) {
        jobIds.add(submissions.get(i).get("jobId").getStringValue());
      }
    } else {
      jobIds.add(answer.get("jobId").getStringValue());
    }
    return jobIds;
  }

  private List<JsonNode> awaitAll(List<String> jobIds) {
    List<JsonNode> jobs = new ArrayList<>();
    long deadline = System.nanoTime() + Duration.ofMinutes(5).toNanos();
    for (String jobId : jobIds) {
      while (true) {
        var job = parse(api.get("/v1/jobs/" + jobId));
        String status = job.get("status").getStringValue();
        if (status.equals("succeeded") || status.equals("failed")) {
          jobs.add(job);
          break;
        }
        assertThat(System.nanoTime()).as("job %s still %s", jobId, status).isLessThan(deadline);
        SliceContract.sleep(50);
      }
    }
    return jobs;
  }

  private JsonNode parse(java.net.http.HttpResponse<String> response) {
    try {
      return json.readValue(response.body(), JsonNode.class);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("not JSON: " + response.body(), e);
    }
  }

  private static long heapAfterGc() {
    var memory = ManagementFactory.getMemoryMXBean();
    for (int i = 0; i < 3; i++) {
      System.gc();
      SliceContract.sleep(200);
    }
    return memory.getHeapMemoryUsage().getUsed();
  }
}
