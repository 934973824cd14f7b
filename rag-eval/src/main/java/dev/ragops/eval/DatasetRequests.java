package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;
import java.util.Map;

/** The bodies of the golden-set endpoints; every field is checked by {@link GoldenSets}. */
final class DatasetRequests {

  private DatasetRequests() {}

  /** A new, empty golden set. */
  @Serdeable
  record Create(@Nullable String name, @Nullable String description) {}

  /** A new case: a query, its judgments and optionally the answer a good system would give. */
  @Serdeable
  record AddCase(
      @Nullable String query,
      @Nullable List<Lineage.Relevance> relevant,
      @Nullable String referenceAnswer) {}

  /**
   * Logged searches to turn into cases. By default a case judges each distinct document of the
   * logged results (the first {@code top}, default all) relevant with grade 1; {@code relevant}
   * gives a query's judgments instead, keyed by query id.
   */
  @Serdeable
  record Promote(
      @Nullable List<String> queryIds,
      @Nullable Map<String, List<Lineage.Relevance>> relevant,
      @Nullable Integer top) {}

  /** Re-labels a case: new judgments, or (when absent) the old ones on the current contents. */
  @Serdeable
  record Confirm(@Nullable List<Lineage.Relevance> relevant) {}

  /** A whole golden set in one request. */
  @Serdeable
  record Import(
      @Nullable String name, @Nullable String description, @Nullable List<AddCase> cases) {}
}
