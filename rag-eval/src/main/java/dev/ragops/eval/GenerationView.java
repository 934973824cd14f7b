package dev.ragops.eval;

import dev.ragops.model.IndexGenerations.Generation;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.Map;

/** One index generation as the generations API shows it. */
@Serdeable
record GenerationView(
    int generation,
    String status,
    Map<String, Object> settings,
    Map<String, Object> stats,
    @Nullable String reason,
    Instant createdAt,
    Instant updatedAt) {

  static GenerationView of(Generation g) {
    return new GenerationView(
        g.generation(),
        g.status(),
        g.settings(),
        g.stats(),
        g.reason(),
        g.createdAt(),
        g.updatedAt());
  }
}
