package dev.ragops.server;

import dev.ragops.eval.Evaluator;
import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import java.io.PrintStream;

/**
 * Starts ragops. With no configuration it runs in embedded mode (H2 and Lucene under {@code
 * ./data}); when {@code RAGOPS_DATABASE_URL} names a PostgreSQL database it runs in PostgreSQL
 * mode.
 *
 * <p>A first argument that is not an option is a command: {@code eval} and {@code faithfulness} run
 * the evaluation CLI ({@link Evaluator}) against a private embedded server and exit with its code;
 * any other word prints the usage and exits with 2.
 */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    if (args.length > 0 && !args[0].startsWith("-")) {
      if (System.getProperty("logback.configurationFile") == null) {
        System.setProperty("logback.configurationFile", "logback-cli.xml");
      }
      System.exit(runCommand(args, System.out, System.err));
    }
    start(args);
  }

  /** Starts the server and returns its running context. */
  public static ApplicationContext start(String... args) {
    return Micronaut.build(args)
        .mainClass(Application.class)
        .environments(StorageMode.fromEnvironment(System.getenv()).environments())
        .start();
  }

  /** Runs a CLI command in this JVM and returns its exit code; see {@link Evaluator}. */
  static int runCommand(String[] args, PrintStream out, PrintStream err) {
    return Evaluator.run(args, CliServer::start, out, err);
  }
}
