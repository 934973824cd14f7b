package dev.ragops.bench.peer;

import dev.ragops.bench.Latencies;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A closed-loop load generator: {@code concurrency} client threads each send one request, wait for
 * its answer and send the next, cycling through the queries. After a warm-up, latencies are
 * recorded for a fixed time; QPS is answers in that time divided by its length.
 */
final class ClosedLoop {

  /** One request; thrown exceptions are counted as errors and stop the run. */
  @FunctionalInterface
  interface Client {
    void send(int query) throws Exception;
  }

  /** Makes one client per thread (e.g. with its own database connection). */
  @FunctionalInterface
  interface ClientFactory {
    Client create() throws Exception;
  }

  record Figures(int concurrency, long answers, double seconds, Latencies latencies) {
    double qps() {
      return answers / seconds;
    }
  }

  private ClosedLoop() {}

  static Figures run(
      ClientFactory factory, int queries, int concurrency, double warmupSeconds, double seconds)
      throws Exception {
    var next = new AtomicInteger();
    var answers = new AtomicLong();
    var latencies = new Latencies(2_000_000);
    long start = System.nanoTime();
    long measureFrom = start + (long) (warmupSeconds * 1e9);
    long measureTo = measureFrom + (long) (seconds * 1e9);
    List<Throwable> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    List<Thread> threads = new ArrayList<>();
    for (int t = 0; t < concurrency; t++) {
      Client client = factory.create();
      Thread thread =
          Thread.ofPlatform()
              .name("load-" + t)
              .start(() -> {
                try {
                  while (true) {
                    long sent = System.nanoTime();
                    if (sent >= measureTo) {
                      return;
                    }
                    client.send(Math.floorMod(next.getAndIncrement(), queries));
                    long done = System.nanoTime();
                    if (sent >= measureFrom && done <= measureTo) {
                      latencies.add(done - sent);
                      answers.incrementAndGet();
                    }
                  }
                } catch (Throwable e) {
                  failures.add(e);
                } finally {
                  if (client instanceof AutoCloseable closeable) {
                    try {
                      closeable.close();
                    } catch (Exception ignored) {
                      // the figures are what matter
                    }
                  }
                }
              });
      threads.add(thread);
    }
    for (Thread thread : threads) {
      thread.join();
    }
    if (!failures.isEmpty()) {
      throw new IllegalStateException(failures.size() + " clients failed", failures.get(0));
    }
    return new Figures(concurrency, answers.get(), seconds, latencies);
  }
}
