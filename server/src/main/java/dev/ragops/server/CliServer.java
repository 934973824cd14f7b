package dev.ragops.server;

import dev.ragops.eval.Evaluator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The server a CLI command talks to: ragops in embedded mode on a fresh temporary data directory,
 * listening on an ephemeral port of the loopback interface, without API keys. Closing it stops the
 * server and deletes the directory, so nothing is left behind.
 */
final class CliServer implements Evaluator.RunningServer {

  private final ApplicationContext context;
  private final Path dataDir;
  private final URI uri;

  private CliServer(ApplicationContext context, Path dataDir) {
    this.context = context;
    this.dataDir = dataDir;
    this.uri = context.getBean(EmbeddedServer.class).getURI();
  }

  static CliServer start() {
    Path dataDir;
    try {
      dataDir = Files.createTempDirectory("ragops-cli-");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary data directory", e);
    }
    ApplicationContext context =
        Micronaut.build(new String[0])
            .mainClass(Application.class)
            .banner(false)
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "micronaut.server.host",
                    "127.0.0.1",
                    "ragops.data-dir",
                    dataDir.toString(),
                    "ragops.auth.enabled",
                    false))
            .start();
    return new CliServer(context, dataDir);
  }

  @Override
  public URI uri() {
    return uri;
  }

  @Override
  public void close() {
    try {
      context.close();
    } finally {
      deleteQuietly(dataDir);
    }
  }

  private static void deleteQuietly(Path dir) {
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      System.err.println("warning: could not delete " + dir + ": " + e.getMessage());
    }
  }
}
