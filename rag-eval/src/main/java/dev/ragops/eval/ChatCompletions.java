package dev.ragops.eval;

import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A minimal client of an OpenAI-compatible {@code POST /chat/completions}: sends system and user
 * messages at temperature 0 and returns the first choice's text. Timeouts, connection failures, 429
 * and 5xx are retried up to {@code maxAttempts} times with exponential backoff (or the server's
 * {@code Retry-After}); other 4xx answers fail at once. Token usage from each answer's {@code
 * usage} goes to the {@link LlmUsage} counter.
 */
final class ChatCompletions {

  private final LlmJudgeConfig config;
  private final LlmUsage usage;
  private final JsonMapper json;
  private final HttpClient http;

  ChatCompletions(LlmJudgeConfig config, LlmUsage usage, JsonMapper json) {
    this.config = config;
    this.usage = usage;
    this.json = json;
    this.http = HttpClient.newBuilder().connectTimeout(config.timeout()).build();
  }

  /**
   * Asks the model and returns its answer text.
   *
   * @throws RetriableException if every attempt timed out or met a 429/5xx
   * @throws NonRetriableException if the server rejected the request (other 4xx) or answered
   *     something that is not a chat completion
   */
  String complete(String system, String user) {
    byte[] body = requestBody(system, user);
    Duration wait = config.backoff();
    for (int attempt = 1; ; attempt++) {
      usage.request();
      String failure;
      Duration retryAfter = null;
      try {
        HttpResponse<String> response =
            http.send(request(body), HttpResponse.BodyHandlers.ofString());
        int status = response.statusCode();
        if (status / 100 == 2) {
          return content(response.body());
        }
        failure = "HTTP " + status + ": " + abbreviate(response.body());
        if (status != 429 && status / 100 != 5) {
          usage.failure();
          throw new NonRetriableException("the llm judge's model refused the request, " + failure);
        }
        retryAfter = retryAfter(response);
      } catch (IOException e) {
        failure =
            e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        usage.failure();
        throw new RetriableException("interrupted while waiting for the llm judge's model", e);
      }
      if (attempt >= config.maxAttempts()) {
        usage.failure();
        throw new RetriableException(
            "the llm judge's model failed " + attempt + " times, last: " + failure, null);
      }
      usage.retry();
      sleep(retryAfter != null ? retryAfter : wait);
      wait = wait.multipliedBy(2);
    }
  }

  private HttpRequest request(byte[] body) {
    var builder =
        HttpRequest.newBuilder(config.chatCompletions())
            .timeout(config.timeout())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofByteArray(body));
    if (config.apiKey() != null && !config.apiKey().isBlank()) {
      builder.header("Authorization", "Bearer " + config.apiKey());
    }
    return builder.build();
  }

  private byte[] requestBody(String system, String user) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("model", config.model());
    body.put("temperature", 0);
    body.put(
        "messages",
        List.of(
            Map.of("role", "system", "content", system), Map.of("role", "user", "content", user)));
    try {
      return json.writeValueAsBytes(body);
    } catch (IOException e) {
      throw new IllegalStateException("cannot write a chat request", e);
    }
  }

  private String content(String body) {
    JsonNode root;
    try {
      root = json.readValue(body, JsonNode.class);
    } catch (IOException e) {
      throw new NonRetriableException(
          "the llm judge's model answered no JSON: " + abbreviate(body));
    }
    JsonNode usageNode = root == null ? null : root.get("usage");
    if (usageNode != null && usageNode.isObject()) {
      usage.tokens(
          number(usageNode.get("prompt_tokens")), number(usageNode.get("completion_tokens")));
    }
    JsonNode choices = root == null ? null : root.get("choices");
    JsonNode content =
        choices != null
                && choices.isArray()
                && choices.size() > 0
                && choices.get(0).get("message") != null
            ? choices.get(0).get("message").get("content")
            : null;
    if (content == null || !content.isString()) {
      throw new NonRetriableException(
          "the llm judge's model answered no message: " + abbreviate(body));
    }
    return content.getStringValue();
  }

  private static long number(JsonNode node) {
    return node != null && node.isNumber() ? node.getLongValue() : 0;
  }

  private static Duration retryAfter(HttpResponse<?> response) {
    return response
        .headers()
        .firstValue("Retry-After")
        .filter(v -> v.strip().matches("\\d{1,4}"))
        .map(v -> Duration.ofSeconds(Long.parseLong(v.strip())))
        .orElse(null);
  }

  private static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("interrupted while backing off", e);
    }
  }

  private static String abbreviate(String text) {
    return text.length() <= 200 ? text : text.substring(0, 200) + "…";
  }
}
