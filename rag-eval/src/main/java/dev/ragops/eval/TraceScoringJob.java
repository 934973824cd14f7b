package dev.ragops.eval;

import jakarta.inject.Singleton;
import java.util.UUID;

/**
 * The job engine's entry point for scoring a sampled trace's faithfulness: JobRunr stores a call of
 * {@link #score(UUID)} under the trace's id and makes it on whichever worker takes the job (public
 * because JobRunr calls it by reflection). Running it again stores one score; a trace that is no
 * longer pending is left as it is.
 */
@Singleton
public class TraceScoringJob {

  private final Traces traces;

  TraceScoringJob(Traces traces) {
    this.traces = traces;
  }

  /** Scores trace {@code traceId} unless it has been scored or has failed already. */
  public void score(UUID traceId) {
    traces.score(traceId.toString());
  }
}
