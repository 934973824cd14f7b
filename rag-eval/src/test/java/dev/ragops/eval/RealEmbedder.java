package dev.ragops.eval;

import dev.ragops.embedder.DjlEmbedder;
import dev.ragops.embedder.EmbedderConfig;
import java.nio.file.Path;

/** The production embedding model, loaded once per test JVM. */
final class RealEmbedder {

  private static DjlEmbedder instance;

  private RealEmbedder() {}

  static synchronized DjlEmbedder get() {
    if (instance == null) {
      instance =
          DjlEmbedder.create(
              EmbedderConfig.defaults(
                  Path.of(System.getProperty("java.io.tmpdir"), "ragops-models")));
      Runtime.getRuntime().addShutdownHook(new Thread(instance::close));
    }
    return instance;
  }
}
