package dev.ragops.server;

import java.time.Duration;

/** Ingestion refused because a hard budget limit is spent: 429 with Retry-After. */
final class BudgetExceededException extends RuntimeException {

  private final Duration retryAfter;

  BudgetExceededException(String message, Duration retryAfter) {
    super(message);
    this.retryAfter = retryAfter;
  }

  Duration retryAfter() {
    return retryAfter;
  }
}
