package dev.ragops.server;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;

/**
 * Starts ragops. With no configuration it runs in embedded mode (H2 and Lucene under {@code
 * ./data}); when {@code RAGOPS_DATABASE_URL} names a PostgreSQL database it runs in PostgreSQL
 * mode.
 */
public final class Application {

  private Application() {}

  public static void main(String[] args) {
    start(args);
  }

  /** Starts the server and returns its running context. */
  public static ApplicationContext start(String... args) {
    return Micronaut.build(args)
        .mainClass(Application.class)
        .environments(StorageMode.fromEnvironment(System.getenv()).environments())
        .start();
  }
}
