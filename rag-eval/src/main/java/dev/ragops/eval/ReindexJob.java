package dev.ragops.eval;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * The job engine's entry point for a reindex started over HTTP (public because JobRunr calls it by
 * reflection): it runs on a worker, and again on another one if its worker dies, carrying on the
 * build where it stopped (a build is a reconciliation, so running it twice writes nothing twice).
 */
@Singleton
public class ReindexJob {

  private static final Argument<Map<String, Thresholds.Limit>> LIMITS =
      Argument.mapOf(Argument.STRING, Argument.of(Thresholds.Limit.class));

  private final Reindexer reindexer;
  private final JsonMapper json;

  ReindexJob(Reindexer reindexer, JsonMapper json) {
    this.reindexer = reindexer;
    this.json = json;
  }

  /**
   * Builds, judges and promotes or discards {@code generation} of {@code collection}.
   *
   * @param dataset the gate's golden set, empty for none
   * @param thresholdsJson the gate's thresholds as JSON
   */
  public void run(
      String collection,
      int generation,
      String dataset,
      String thresholdsJson,
      String promote,
      String cause) {
    try {
      Map<String, Thresholds.Limit> limits = json.readValue(thresholdsJson, LIMITS);
      var plan =
          new Reindexer.Plan(
              Map.of(), dataset.isBlank() ? null : dataset, new Thresholds(limits), promote, cause);
      reindexer.finish(collection, generation, plan, null);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
