package dev.ragops.eval;

import java.util.concurrent.atomic.AtomicLong;

/**
 * What the {@code llm} judge has spent since start: requests (including retries), retries, requests
 * that failed for good, tokens, and their cost at the configured prices. Thread-safe.
 */
final class LlmUsage {

  /** A point-in-time copy; {@code cost} is in the currency of the configured prices. */
  @io.micronaut.serde.annotation.Serdeable
  record Snapshot(
      long requests,
      long retries,
      long failures,
      long promptTokens,
      long completionTokens,
      double cost) {}

  private final AtomicLong requests = new AtomicLong();
  private final AtomicLong retries = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong promptTokens = new AtomicLong();
  private final AtomicLong completionTokens = new AtomicLong();
  private final double inputPrice;
  private final double outputPrice;

  /** Prices per million tokens. */
  LlmUsage(double inputPrice, double outputPrice) {
    this.inputPrice = inputPrice;
    this.outputPrice = outputPrice;
  }

  void request() {
    requests.incrementAndGet();
  }

  void retry() {
    retries.incrementAndGet();
  }

  void failure() {
    failures.incrementAndGet();
  }

  void tokens(long prompt, long completion) {
    promptTokens.addAndGet(prompt);
    completionTokens.addAndGet(completion);
  }

  Snapshot snapshot() {
    long in = promptTokens.get();
    long out = completionTokens.get();
    return new Snapshot(
        requests.get(),
        retries.get(),
        failures.get(),
        in,
        out,
        (in * inputPrice + out * outputPrice) / 1_000_000);
  }
}
