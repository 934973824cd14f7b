package dev.ragops.eval;

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
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Regressions: each is an {@code alert} event on the timeline and, when a webhook is set (on the
 * schedule, else {@code ragops.freshness.webhook-url}), a JSON POST to it. A webhook that fails is
 * recorded in the event, never retried.
 */
@Singleton
class Alerts {

  private static final Logger LOG = LoggerFactory.getLogger(Alerts.class);

  private final FreshnessEvents events;
  private final JsonMapper json;
  private final String defaultWebhook;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

  Alerts(
      FreshnessEvents events,
      JsonMapper json,
      @Nullable @Value("${ragops.freshness.webhook-url:}") String defaultWebhook) {
    this.events = events;
    this.json = json;
    this.defaultWebhook =
        defaultWebhook == null || defaultWebhook.isBlank() ? null : defaultWebhook;
  }

  void alert(
      String collection, @Nullable String webhook, String summary, Map<String, Object> details) {
    String target = webhook != null ? webhook : defaultWebhook;
    Map<String, Object> recorded = new LinkedHashMap<>(details);
    if (target != null) {
      recorded.put("webhook", target);
      recorded.put("webhookResult", post(target, collection, summary, details));
    }
    events.record(collection, "alert", summary, recorded);
  }

  private String post(
      String target, String collection, String summary, Map<String, Object> details) {
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("collection", collection);
      body.put("summary", summary);
      body.put("at", Instant.now().toString());
      body.put("details", details);
      var response =
          http.send(
              HttpRequest.newBuilder(URI.create(target))
                  .timeout(Duration.ofSeconds(10))
                  .header("Content-Type", "application/json")
                  .POST(HttpRequest.BodyPublishers.ofByteArray(json.writeValueAsBytes(body)))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return "HTTP " + response.statusCode();
    } catch (IOException | IllegalArgumentException e) {
      LOG.warn("Webhook {} failed: {}", target, e.toString());
      return "failed: " + e.getMessage();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return "interrupted";
    }
  }
}
