package dev.ragops.server;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;

/**
 * A spending limit, under {@code ragops.usage.budgets.<name>}: for one collection or one API key,
 * in tokens or in cost, per UTC day or month. At {@code alertAt} of the limit an alert goes out
 * (webhook and metric); past the limit, with {@code hardLimit}, ingestion is refused with 429.
 *
 * @param collection the collection it covers (exactly one of collection and key)
 * @param key the API key id it covers ({@code admin} for the bootstrap key)
 * @param period {@code day} or {@code month}
 * @param tokens the limit in tokens (embedding and query), or null for a cost limit
 * @param cost the limit in currency units ({@link ModelPrice}), or null for a token limit
 */
@EachProperty("ragops.usage.budgets")
record Budget(
    @Parameter String name,
    @Nullable String collection,
    @Nullable String key,
    @Bindable(defaultValue = "month") String period,
    @Nullable Long tokens,
    @Nullable Double cost,
    @Bindable(defaultValue = "0.8") double alertAt,
    @Bindable(defaultValue = "false") boolean hardLimit) {

  Budget {
    String at = "ragops.usage.budgets." + name;
    if ((collection == null) == (key == null)) {
      throw new IllegalArgumentException(at + ": set exactly one of collection and key");
    }
    if (!period.equals("day") && !period.equals("month")) {
      throw new IllegalArgumentException(at + ".period must be day or month, got " + period);
    }
    if ((tokens == null) == (cost == null)
        || (tokens != null && tokens <= 0)
        || (cost != null && cost <= 0)) {
      throw new IllegalArgumentException(at + ": set exactly one of tokens and cost, above 0");
    }
    if (alertAt <= 0 || alertAt > 1) {
      throw new IllegalArgumentException(at + ".alert-at must be in (0, 1], got " + alertAt);
    }
  }

  boolean covers(String collectionName, @Nullable String keyId) {
    return collection != null ? collection.equals(collectionName) : key.equals(keyId);
  }

  double limit() {
    return tokens != null ? tokens : cost;
  }

  String unit() {
    return tokens != null ? "tokens" : "cost";
  }

  String describe() {
    return "budget '"
        + name
        + "' ("
        + (collection != null ? "collection " + collection : "key " + key)
        + ", "
        + (tokens != null ? tokens + " tokens" : cost + " cost")
        + " per "
        + period
        + ")";
  }

  /** The start of the period holding {@code now}, in UTC. */
  Instant periodStart(Instant now) {
    LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
    LocalDate start = period.equals("day") ? today : today.withDayOfMonth(1);
    return start.atStartOfDay(ZoneOffset.UTC).toInstant();
  }

  Instant periodEnd(Instant now) {
    LocalDate start = LocalDate.ofInstant(periodStart(now), ZoneOffset.UTC);
    LocalDate end = period.equals("day") ? start.plusDays(1) : start.plusMonths(1);
    return end.atStartOfDay(ZoneOffset.UTC).toInstant();
  }
}
