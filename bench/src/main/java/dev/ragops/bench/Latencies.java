package dev.ragops.bench;

import java.util.Arrays;

/** Latency samples in nanoseconds, and their percentiles in milliseconds. */
public final class Latencies {

  private final long[] nanos;
  private int size;

  public Latencies(int capacity) {
    nanos = new long[capacity];
  }

  public synchronized void add(long value) {
    nanos[size++] = value;
  }

  /** The {@code p}-th percentile (nearest rank), in milliseconds. */
  public synchronized double percentileMillis(double p) {
    long[] sorted = Arrays.copyOf(nanos, size);
    Arrays.sort(sorted);
    int rank = (int) Math.ceil(p / 100.0 * sorted.length);
    return sorted[Math.max(0, rank - 1)] / 1e6;
  }
}
