package dev.ragops.server;

import dev.ragops.model.UsageEvent;
import dev.ragops.model.UsageLedger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.context.ServerRequestContext;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Locale;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link UsageLedger} of a server: charges each event to its collection and to the API key that
 * asked for it (the request's key; for ingest work, the key that queued the job, recorded by {@link
 * UsageFilter} and joined by job id), prices it with {@link ModelPrice}, stores it ({@link
 * UsageTable}; searches are added up by {@link SearchTally} and written in groups), counts it in
 * Prometheus and lets {@link BudgetWatch} check the budgets it touches. Embedding-cache hits are
 * not charged; their price is shown as saved. A failure is logged and counted, never passed on to
 * the work.
 */
@Singleton
final class UsageRecorder implements UsageLedger {

  private static final Logger LOG = LoggerFactory.getLogger(UsageRecorder.class);

  private final UsageTable table;
  private final List<ModelPrice> prices;
  private final BudgetWatch budgets;
  private final SearchTally searches;
  private final MeterRegistry meters;

  UsageRecorder(
      UsageTable table,
      List<ModelPrice> prices,
      BudgetWatch budgets,
      SearchTally searches,
      @Nullable MeterRegistry registry) {
    this.table = table;
    this.searches = searches;
    this.prices = List.copyOf(prices);
    this.budgets = budgets;
    this.meters = registry == null ? new SimpleMeterRegistry() : registry;
  }

  @Override
  public void record(UsageEvent event) {
    try {
      switch (event.kind()) {
        case INGEST -> charge(event, table.jobKey(event.jobId()).orElse(null), 1);
        case SEARCH -> charge(event, requestKey(), 0);
      }
    } catch (RuntimeException e) {
      LOG.warn(
          "Could not record {} usage of {}: {}", event.kind(), event.collection(), e.toString());
      meters.counter("ragops.usage.failures").increment();
    }
  }

  private void charge(UsageEvent event, @Nullable String key, int documents) {
    var price = prices.stream().filter(p -> p.model().equals(event.model())).findFirst();
    long charged = event.tokens() - event.cachedTokens();
    double cost = price.map(p -> p.cost(charged, event.computeMillis())).orElse(0.0);
    double saved = price.map(p -> p.cost(event.cachedTokens(), 0)).orElse(0.0);
    if (event.kind() == UsageEvent.Kind.SEARCH) {
      searches.add(event, key, cost);
    } else {
      table.insert(event, key, documents, 1, cost, saved);
      budgets.afterRecord(event.collection(), key);
    }
    count(event, key, documents, charged, cost);
  }

  private void count(
      UsageEvent event, @Nullable String key, int documents, long charged, double cost) {
    String keyTag = key == null ? "none" : key;
    String kind = event.kind().name().toLowerCase(Locale.ROOT);
    counter("ragops.usage.tokens", "Tokens embedded (ingest) or in queries (search)", event, keyTag)
        .tag("kind", kind)
        .tag("model", event.model())
        .register(meters)
        .increment(charged);
    if (event.kind() == UsageEvent.Kind.INGEST) {
      counter("ragops.usage.tokens.saved", "Tokens served from the embedding cache", event, keyTag)
          .tag("model", event.model())
          .register(meters)
          .increment(event.cachedTokens());
      counter("ragops.usage.chunks", "Chunks embedded and stored", event, keyTag)
          .register(meters)
          .increment(event.chunks());
      counter("ragops.usage.documents", "Documents ingested", event, keyTag)
          .register(meters)
          .increment(documents);
    } else {
      counter("ragops.usage.searches", "Search requests", event, keyTag)
          .register(meters)
          .increment();
    }
    counter("ragops.usage.cost", "Cost of the work, from ragops.usage.prices", event, keyTag)
        .register(meters)
        .increment(cost);
  }

  private static Counter.Builder counter(
      String name, String description, UsageEvent event, String key) {
    return Counter.builder(name)
        .description(description)
        .tag("collection", event.collection())
        .tag("key", key);
  }

  /** The id of the API key of the request being served on this thread, if any. */
  @Nullable
  static String requestKey() {
    return ServerRequestContext.currentRequest()
        .flatMap(request -> request.getAttribute(AuthFilter.KEY_ATTRIBUTE, ApiKey.class))
        .map(ApiKey::id)
        .orElse(null);
  }
}
