package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import dev.ragops.model.TransientFailure;

/**
 * The rules shared by the eval module's jobs on the job engine (eval runs, tunings, trace scoring).
 * The engine runs a job again when its worker died (after the worker's lease) or when it threw;
 * each start claims the job's row and counts one attempt there. A failure that says something about
 * the work (bad settings, a missing dataset, a judge that rejects the input) ends the row failed at
 * once with its reason; a transient one (database, interruption, a {@link RetriableException}) is
 * thrown to the engine, which runs the job again. After {@link #MAX} starts the row ends failed
 * instead of running forever.
 */
final class JobAttempts {

  /** Starts of one job before its row ends failed. */
  static final int MAX = 3;

  private JobAttempts() {}

  /** Whether the engine should run the job again after {@code failure}. */
  static boolean retriable(RuntimeException failure) {
    return failure instanceof RetriableException || TransientFailure.isTransient(failure);
  }

  /** The reason stored on a row whose job was started more than {@link #MAX} times. */
  static String gaveUp(int attempts) {
    return "gave up after "
        + (attempts - 1)
        + " attempts: each ended without a result (its worker stopped, or a transient failure"
        + " such as the database being unreachable); see the worker logs";
  }

  /** A failure's message, or its type when it has none. */
  static String reason(RuntimeException failure) {
    return failure.getMessage() == null ? failure.toString() : failure.getMessage();
  }
}
