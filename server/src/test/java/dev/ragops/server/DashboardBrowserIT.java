package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard at {@code /ui} in a real browser: starts the server in embedded mode with API keys
 * on, then runs {@code ui/test} with Node's test runner against it: {@code dashboard.test.js}
 * (playwright-core driving the system's headless Chromium) and the unit tests of the page logic.
 * Screenshots go to {@code target/ui-screenshots}, the runner's TAP output to {@code
 * target/ui-browser-test.log}.
 */
class DashboardBrowserIT {

  private static final String ADMIN_KEY = "dashboard-test-admin-key-0123456789";
  private static final Path UI = Path.of("ui").toAbsolutePath(); // the module's directory
  private static final Path SCREENSHOTS = Path.of("target", "ui-screenshots").toAbsolutePath();
  private static final Path LOG = Path.of("target", "ui-browser-test.log").toAbsolutePath();

  @Test
  void uploadsSearchesAndPlotsEvalRunsInHeadlessChromium(@TempDir Path dataDir)
      throws IOException, InterruptedException {
    Map<String, Object> properties =
        Map.of(
            "micronaut.server.port",
            -1,
            "ragops.data-dir",
            dataDir.toString(),
            "ragops.auth.enabled",
            true,
            "ragops.auth.admin-key",
            ADMIN_KEY);
    try (ApplicationContext context =
        Micronaut.build(new String[0]).properties(properties).start()) {
      String url = context.getBean(EmbeddedServer.class).getURI().toString();
      Files.createDirectories(SCREENSHOTS);
      var builder =
          new ProcessBuilder("node", "--test", "--test-reporter=tap", "test/")
              .directory(UI.toFile())
              .redirectErrorStream(true)
              .redirectOutput(LOG.toFile());
      builder.environment().put("RAGOPS_URL", url);
      builder.environment().put("RAGOPS_KEY", ADMIN_KEY);
      builder.environment().put("SCREENSHOT_DIR", SCREENSHOTS.toString());
      Process runner = start(builder);
      if (!runner.waitFor(15, TimeUnit.MINUTES)) {
        runner.destroyForcibly();
        fail("the browser tests took more than 15 minutes:\n" + Files.readString(LOG));
      }
      String output = Files.readString(LOG);
      assertThat(runner.exitValue()).as(output).isZero();
      assertThat(output).contains("# fail 0", "# skipped 0").containsPattern("# pass [1-9]");
      assertThat(SCREENSHOTS.resolve("evals.png")).isNotEmptyFile();
    }
  }

  private static Process start(ProcessBuilder builder) throws IOException {
    try {
      return builder.start();
    } catch (IOException e) {
      throw new IOException(
          "could not run 'node' for the browser tests: install Node.js 20.19+ (see README,"
              + " Dashboard)",
          e);
    }
  }
}
