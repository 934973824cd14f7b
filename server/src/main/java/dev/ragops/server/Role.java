package dev.ragops.server;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What this process does, from {@code ragops.role} ({@code RAGOPS_ROLE}). Every role serves the
 * HTTP API and enqueues jobs; only {@code all} and {@code worker} also run jobs. The Helm chart
 * gives each Deployment its role.
 */
enum Role {
  /** Everything in one process: the default, and embedded mode. */
  ALL,
  /** The REST API; jobs it enqueues run on workers. */
  API,
  /**
   * Runs jobs (ingest, eval runs, tunings, trace scoring, scheduled ones) from the shared database.
   */
  WORKER,
  /** Serves {@code /v1/embeddings} on GPUs; runs no jobs. */
  EMBEDDER;

  static final String KEY = "ragops.role";

  /**
   * The role named by {@code value}, case-insensitively.
   *
   * @throws IllegalArgumentException naming the key and the allowed values otherwise
   */
  static Role of(String value) {
    String name = value == null ? "" : value.strip().toUpperCase(Locale.ROOT);
    return Arrays.stream(values())
        .filter(role -> role.name().equals(name))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                KEY
                    + " (RAGOPS_ROLE) must be one of "
                    + Arrays.stream(values()).map(Role::toString).collect(Collectors.joining(", "))
                    + ", got '"
                    + value
                    + "'"));
  }

  /** Whether a process of this role runs a job server. */
  boolean runsJobs() {
    return this == ALL || this == WORKER;
  }

  @Override
  public String toString() {
    return name().toLowerCase(Locale.ROOT);
  }
}
