package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.scheduling.cron.CronExpression;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.UUID;

/**
 * A freshness schedule of one collection: which checks run at each cron tick, and what a regression
 * does ({@code reindex} or {@code alert}).
 *
 * @param cron six fields (seconds first) or five (a {@code 0} second is added), in UTC
 * @param maxAge the {@code ttl} check's limit; null without that check
 */
record Schedule(
    UUID id,
    String collection,
    String cron,
    List<String> checks,
    @Nullable String dataset,
    Thresholds thresholds,
    String onRegression,
    @Nullable Duration maxAge,
    @Nullable String webhookUrl,
    boolean paused,
    Instant createdAt,
    @Nullable Instant lastRunAt,
    @Nullable Instant lastSuccessAt) {

  static final List<String> CHECKS = List.of("sources", "drift", "ttl", "eval");
  static final List<String> ON_REGRESSION = List.of("reindex", "alert");

  Schedule {
    checks = List.copyOf(checks);
  }

  /** A cron expression in the six-field form, checked. */
  static String normalizeCron(String cron) {
    if (cron == null || cron.isBlank()) {
      throw new IllegalArgumentException("cron is required, e.g. \"0 */15 * * * *\"");
    }
    String trimmed = cron.strip().replaceAll("\\s+", " ");
    int fields = trimmed.split(" ").length;
    String six = fields == 5 ? "0 " + trimmed : trimmed;
    if (six.split(" ").length != 6) {
      throw new IllegalArgumentException(
          "cron must have 5 or 6 fields (seconds first), got '" + cron + "'");
    }
    try {
      CronExpression.create(six).nextTimeAfter(ZonedDateTime.now(ZoneOffset.UTC));
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("cron '" + cron + "' is invalid: " + e.getMessage());
    }
    return six;
  }

  /**
   * The latest tick at or before {@code now} that comes after {@code since}, or null when none is
   * due. Ticks missed while no node ran collapse into the latest one.
   */
  @Nullable
  Instant dueTick(Instant since, Instant now) {
    var expression = CronExpression.create(cron);
    ZonedDateTime due = null;
    ZonedDateTime next = expression.nextTimeAfter(since.atZone(ZoneOffset.UTC));
    for (int i = 0; i < 100_000 && next != null && !next.toInstant().isAfter(now); i++) {
      due = next;
      next = expression.nextTimeAfter(next);
    }
    return due == null ? null : due.toInstant();
  }

  Schedule paused(boolean paused) {
    return new Schedule(
        id,
        collection,
        cron,
        checks,
        dataset,
        thresholds,
        onRegression,
        maxAge,
        webhookUrl,
        paused,
        createdAt,
        lastRunAt,
        lastSuccessAt);
  }
}
