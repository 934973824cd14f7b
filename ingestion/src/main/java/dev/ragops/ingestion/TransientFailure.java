package dev.ragops.ingestion;

import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells failures that say nothing about the document (the database unreachable or restarting, the
 * connection pool exhausted, the worker stopping) from those that do. A job hit by a transient one
 * is not marked failed: the job engine runs it again.
 */
final class TransientFailure {

  private TransientFailure() {}

  static boolean isTransient(Throwable failure) {
    if (Thread.currentThread().isInterrupted()) {
      return true;
    }
    for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLTransientException
          || cause instanceof SQLRecoverableException
          || cause instanceof InterruptedException
          || cause instanceof ClosedByInterruptException) {
        return true;
      }
      if (cause instanceof SQLException sql && connectionState(sql.getSQLState())) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /**
   * SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutdown, restart).
   */
  private static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
