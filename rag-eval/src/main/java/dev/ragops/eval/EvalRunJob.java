package dev.ragops.eval;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The job engine's entry point for eval runs: JobRunr stores a call of {@link #run(UUID)} under the
 * run's id and makes it on whichever worker takes the job (public because JobRunr calls it by
 * reflection). Running it again, after its worker died or a transient failure, stores one result
 * set; a run that has ended is left as it is.
 */
@Singleton
public class EvalRunJob {

  private final EvalRuns runs;

  EvalRunJob(EvalRuns runs) {
    this.runs = runs;
  }

  /** Takes eval run {@code runId} to its end. */
  public void run(UUID runId) {
    runs.runQueued(runId.toString());
  }
}
