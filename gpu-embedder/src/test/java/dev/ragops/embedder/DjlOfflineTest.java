package dev.ragops.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * DJL never touches the network: each case starts a fresh JVM (so nothing earlier has loaded DJL)
 * without {@code -Dai.djl.offline} and without the {@code OPT_OUT_TRACKING} environment variable,
 * and runs {@link OfflineProbe}. The control case switches the module's defaults off and must see
 * DJL's telemetry call, which proves the probe would notice one.
 */
class DjlOfflineTest {

  @Test
  void loadingAndEmbeddingAttemptNoNetworkAccess() throws Exception {
    assertEquals("[]", probe(List.of()));
  }

  @Test
  void probeSeesDjlsTelemetryWhenOfflineModeIsSwitchedOff() throws Exception {
    String attempts = probe(List.of("-Dai.djl.offline=false", "-DOPT_OUT_TRACKING=false"));
    assertTrue(attempts.contains("169.254.169.254"), "attempts: " + attempts);
  }

  private static String probe(List<String> properties) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(properties);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(OfflineProbe.class.getName());
    command.add(Path.of("target/model-cache").toAbsolutePath().toString());
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().remove("OPT_OUT_TRACKING");
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertTrue(process.waitFor(120, TimeUnit.SECONDS), "probe did not finish");
    assertEquals(0, process.exitValue(), output);
    return output
        .lines()
        .filter(line -> line.startsWith(OfflineProbe.ATTEMPTS))
        .map(line -> line.substring(OfflineProbe.ATTEMPTS.length()))
        .findFirst()
        .orElseThrow(() -> new AssertionError("probe printed no result:\n" + output));
  }
}
