package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** A schedule as the API shows it. */
@Serdeable
record ScheduleView(
    String id,
    String cron,
    List<String> checks,
    @Nullable String dataset,
    Map<String, Object> thresholds,
    String onRegression,
    @Nullable String maxAge,
    @Nullable String webhookUrl,
    boolean paused,
    Instant createdAt,
    @Nullable Instant lastRunAt,
    @Nullable Instant lastSuccessAt) {

  static ScheduleView of(Schedule s) {
    return new ScheduleView(
        s.id().toString(),
        s.cron(),
        s.checks(),
        s.dataset(),
        s.thresholds().asMap(),
        s.onRegression(),
        s.maxAge() == null ? null : s.maxAge().toString(),
        s.webhookUrl(),
        s.paused(),
        s.createdAt(),
        s.lastRunAt(),
        s.lastSuccessAt());
  }
}
