package dev.ragops.server;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends budget alerts: counts each in {@code ragops.budget.alerts{budget,level}}, logs it, and
 * POSTs it as JSON to {@code ragops.usage.alert-webhook} when set. A webhook that fails is logged
 * and counted in {@code ragops.budget.webhook.failures}.
 */
@Singleton
final class BudgetAlerts {

  private static final Logger LOG = LoggerFactory.getLogger(BudgetAlerts.class);

  private final URI webhook;
  private final JsonMapper json;
  private final MeterRegistry meters;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  BudgetAlerts(
      @Nullable @Value("${ragops.usage.alert-webhook:}") String webhook,
      JsonMapper json,
      @Nullable MeterRegistry registry) {
    this.webhook = webhook == null || webhook.isBlank() ? null : URI.create(webhook);
    this.json = json;
    this.meters = registry == null ? new SimpleMeterRegistry() : registry;
  }

  /** {@code level}: {@code threshold} (alertAt reached) or {@code limit} (limit reached). */
  void send(Budget budget, String level, double used, String periodStart) {
    meters.counter("ragops.budget.alerts", "budget", budget.name(), "level", level).increment();
    LOG.warn("{} reached its {}: {} {} used", budget.describe(), level, used, budget.unit());
    if (webhook == null) {
      return;
    }
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("budget", budget.name());
    body.put("level", level);
    body.put(
        budget.collection() != null ? "collection" : "key",
        budget.collection() != null ? budget.collection() : budget.key());
    body.put("period", budget.period());
    body.put("periodStart", periodStart);
    body.put("unit", budget.unit());
    body.put("limit", budget.limit());
    body.put("used", used);
    body.put("alertAt", budget.alertAt());
    body.put("hardLimit", budget.hardLimit());
    try {
      var request =
          HttpRequest.newBuilder(webhook)
              .timeout(Duration.ofSeconds(10))
              .header("Content-Type", "application/json")
              .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body)))
              .build();
      http.sendAsync(request, HttpResponse.BodyHandlers.discarding())
          .whenComplete((response, error) -> {
            if (error != null || response.statusCode() >= 300) {
              meters.counter("ragops.budget.webhook.failures").increment();
              LOG.warn(
                  "Budget alert webhook failed for {}: {}",
                  budget.name(),
                  error != null ? error.toString() : "HTTP " + response.statusCode());
            }
          });
    } catch (IOException e) {
      meters.counter("ragops.budget.webhook.failures").increment();
      LOG.warn("Budget alert for {} could not be written: {}", budget.name(), e.toString());
    }
  }
}
