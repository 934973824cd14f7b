package dev.ragops.eval;

import jakarta.inject.Singleton;
import java.util.Arrays;
import java.util.UUID;

/**
 * The job engine's entry point for tunings ({@code evals:tune}): JobRunr stores a call of {@link
 * #run} under the tuning's id with the request's parameters and makes it on whichever worker takes
 * the job (public because JobRunr calls it by reflection). Running it again, after its worker died
 * or a transient failure, stores one report; a tuning that has ended is left as it is.
 */
@Singleton
public class TuningJob {

  private final Tuning tuning;

  TuningJob(Tuning tuning) {
    this.tuning = tuning;
  }

  /**
   * Takes tuning {@code id} to its end.
   *
   * @param generation the index generation that was active when the tuning was asked for
   * @param targets the targets, comma-separated ({@link Tuning#TARGETS})
   */
  public void run(
      UUID id,
      String collection,
      int generation,
      String dataset,
      int folds,
      long seed,
      String targets) {
    tuning.runQueued(
        id.toString(),
        collection,
        generation,
        dataset,
        folds,
        seed,
        Arrays.asList(targets.split(",")));
  }
}
