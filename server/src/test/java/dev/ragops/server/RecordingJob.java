package dev.ragops.server;

import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A job for the job engine's tests: records each run under its key, with the name of the context
 * (node) that ran it. Runs are kept per JVM, so two contexts in one test see each other's.
 */
@Singleton
public class RecordingJob {

  static final Map<String, List<String>> RUNS = new ConcurrentHashMap<>();

  private final String node;

  RecordingJob(@io.micronaut.context.annotation.Value("${ragops.test.node:node}") String node) {
    this.node = node;
  }

  /** Records that {@code key} ran on this node. */
  public void run(String key) {
    RUNS.computeIfAbsent(key, k -> new CopyOnWriteArrayList<>()).add(node);
  }
}
