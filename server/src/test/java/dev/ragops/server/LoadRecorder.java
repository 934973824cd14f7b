package dev.ragops.server;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;
import java.util.stream.Collectors;

/**
 * The requests a load test made: per operation, every answer's status and latency. A request that
 * got no answer at all (connection refused or reset) is recorded with status 0.
 */
final class LoadRecorder {

  /** One request. */
  record Sample(String operation, int status, long nanos) {}

  /** One operation's figures: requests, statuses seen, latency percentiles in ms. */
  record Summary(int requests, Map<Integer, Long> statuses, double p50, double p99, double max) {

    @Override
    public String toString() {
      return String.format(
          "%d requests %s, p50 %.1f ms, p99 %.1f ms, max %.1f ms",
          requests, statuses, p50, p99, max);
    }
  }

  private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();

  /** Makes the request and records it; returns its answer, or null when there was none. */
  HttpResponse<String> time(String operation, Supplier<HttpResponse<String>> request) {
    long start = System.nanoTime();
    try {
      var response = request.get();
      samples.add(new Sample(operation, response.statusCode(), System.nanoTime() - start));
      return response;
    } catch (IllegalStateException e) {
      samples.add(new Sample(operation, 0, System.nanoTime() - start));
      return null;
    }
  }

  List<Sample> samples() {
    return List.copyOf(samples);
  }

  /** Answers with a 5xx status other than 503 (which says "retry", with Retry-After). */
  List<Sample> serverErrors() {
    return samples.stream().filter(s -> s.status() >= 500 && s.status() != 503).toList();
  }

  Map<String, Summary> summary() {
    var byOperation = samples.stream().collect(Collectors.groupingBy(Sample::operation));
    Map<String, Summary> result = new TreeMap<>();
    byOperation.forEach((operation, list) -> {
      double[] millis = list.stream().mapToDouble(s -> s.nanos() / 1e6).sorted().toArray();
      result.put(
          operation,
          new Summary(
              list.size(),
              new TreeMap<>(
                  list.stream()
                      .collect(Collectors.groupingBy(Sample::status, Collectors.counting()))),
              percentile(millis, 0.50),
              percentile(millis, 0.99),
              millis[millis.length - 1]));
    });
    return result;
  }

  private static double percentile(double[] sorted, double p) {
    int index = (int) Math.ceil(p * sorted.length) - 1;
    return sorted[Math.max(0, Math.min(sorted.length - 1, index))];
  }
}
