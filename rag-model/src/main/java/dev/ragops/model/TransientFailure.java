package dev.ragops.model;

import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;
import java.sql.SQLRecoverableException;
import java.sql.SQLTransientException;

/**
 * Tells failures that say nothing about the document (the database unreachable or restarting, the
 * connection pool exhausted, the worker stopping) from those that do. A job hit by a transient one
 * is not marked failed: the job engine runs it again; a request hit by one answers 503.
 */
public final class TransientFailure {

  private TransientFailure() {}

  /**
   * Whether {@code failure} (or a cause) is a lost or refused database connection, a database
   * shutting down, or an interruption of this thread.
   */
  public static boolean isTransient(Throwable failure) {
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
      if (cause instanceof SQLException sql
          && (connectionState(sql.getSQLState()) || closedConnection(sql.getMessage()))) {
        return true;
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  /** A pool's or driver's "connection is closed", raised without a SQLSTATE. */
  private static boolean closedConnection(String message) {
    String text = message == null ? "" : message.toLowerCase(java.util.Locale.ROOT);
    return text.contains("connection") && text.contains("closed");
  }

  /**
   * SQLSTATE class 08 (connection exception) and 57P (operator intervention: shutdown, restart).
   */
  private static boolean connectionState(String state) {
    return state != null && (state.startsWith("08") || state.startsWith("57P"));
  }
}
