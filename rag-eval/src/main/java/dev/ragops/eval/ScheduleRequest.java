package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * {@code POST /v1/collections/{name}/schedules}.
 *
 * @param maxAge ISO-8601 duration for the {@code ttl} check, e.g. {@code P30D}
 * @param webhookUrl where regressions are posted; default {@code ragops.freshness.webhook-url}
 */
@Serdeable
record ScheduleRequest(
    @Nullable String cron,
    @Nullable List<String> checks,
    @Nullable String dataset,
    @Nullable Map<String, Thresholds.Limit> thresholds,
    @Nullable String onRegression,
    @Nullable String maxAge,
    @Nullable String webhookUrl) {

  /** The schedule this request describes, checked field by field. */
  Schedule toSchedule(String collection, double defaultMaxDrop) {
    String cronSix = Schedule.normalizeCron(cron);
    if (checks == null || checks.isEmpty()) {
      throw new IllegalArgumentException("checks must list at least one of " + Schedule.CHECKS);
    }
    for (String check : checks) {
      if (!Schedule.CHECKS.contains(check)) {
        throw new IllegalArgumentException(
            "checks: unknown check '" + check + "'; known: " + Schedule.CHECKS);
      }
    }
    String action = onRegression == null ? "alert" : onRegression;
    if (!Schedule.ON_REGRESSION.contains(action)) {
      throw new IllegalArgumentException(
          "onRegression must be one of " + Schedule.ON_REGRESSION + ", got '" + action + "'");
    }
    if (checks.contains("eval") && (dataset == null || dataset.isBlank())) {
      throw new IllegalArgumentException("dataset is required with the eval check");
    }
    Duration age = null;
    if (checks.contains("ttl")) {
      if (maxAge == null) {
        throw new IllegalArgumentException("maxAge is required with the ttl check, e.g. \"P30D\"");
      }
      try {
        age = Duration.parse(maxAge);
      } catch (DateTimeParseException e) {
        throw new IllegalArgumentException(
            "maxAge must be an ISO-8601 duration such as P30D or PT12H, got '" + maxAge + "'");
      }
      if (age.isNegative() || age.isZero()) {
        throw new IllegalArgumentException("maxAge must be positive, got " + maxAge);
      }
    }
    if (webhookUrl != null) {
      try {
        var uri = URI.create(webhookUrl);
        if (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme())) {
          throw new IllegalArgumentException("not http(s)");
        }
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "webhookUrl must be an http(s) URL, got '" + webhookUrl + "'");
      }
    }
    return new Schedule(
        UUID.randomUUID(),
        collection,
        cronSix,
        List.copyOf(new LinkedHashSet<>(checks)),
        dataset == null || dataset.isBlank() ? null : dataset,
        Thresholds.of(thresholds, defaultMaxDrop),
        action,
        age,
        webhookUrl,
        false,
        Instant.now(),
        null,
        null);
  }
}
