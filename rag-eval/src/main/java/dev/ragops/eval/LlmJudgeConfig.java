package dev.ragops.eval;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import java.net.URI;
import java.time.Duration;

/**
 * The chat model behind the {@code llm} judge, under {@code ragops.faithfulness.llm}; the judge
 * exists only when {@code url} is set.
 *
 * @param url base URL of an OpenAI-compatible API, e.g. {@code https://api.openai.com/v1} or {@code
 *     http://localhost:11434/v1}; requests go to {@code <url>/chat/completions}
 * @param model the model name sent with each request
 * @param apiKey sent as {@code Authorization: Bearer <apiKey>} when set
 * @param timeout how long one request may take (default 60 s)
 * @param maxAttempts tries per request, for timeouts, connection errors, 429 and 5xx (default 3)
 * @param backoff wait before the first retry, doubled for each further one (default 1 s); a {@code
 *     Retry-After} header in seconds takes precedence
 * @param inputPrice price of one million prompt tokens, for the cost counter (default 0)
 * @param outputPrice price of one million completion tokens (default 0)
 */
@ConfigurationProperties("ragops.faithfulness.llm")
@Requires(property = "ragops.faithfulness.llm.url")
record LlmJudgeConfig(
    URI url,
    @Nullable String model,
    @Nullable String apiKey,
    @Nullable Duration timeout,
    @Nullable Integer maxAttempts,
    @Nullable Duration backoff,
    @Nullable Double inputPrice,
    @Nullable Double outputPrice) {

  LlmJudgeConfig {
    if (url == null) {
      throw new IllegalArgumentException("ragops.faithfulness.llm.url is required");
    }
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException(
          "ragops.faithfulness.llm.model is required with ragops.faithfulness.llm.url");
    }
    timeout = timeout == null ? Duration.ofSeconds(60) : timeout;
    maxAttempts = maxAttempts == null ? 3 : maxAttempts;
    backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
    inputPrice = inputPrice == null ? 0.0 : inputPrice;
    outputPrice = outputPrice == null ? 0.0 : outputPrice;
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("ragops.faithfulness.llm.max-attempts must be >= 1");
    }
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("ragops.faithfulness.llm.timeout must be positive");
    }
  }

  /** {@code <url>/chat/completions}. */
  URI chatCompletions() {
    String base = url.toString().replaceAll("/+$", "");
    return URI.create(base + "/chat/completions");
  }

  @Override
  public String toString() {
    return "LlmJudgeConfig[url="
        + url
        + ", model="
        + model
        + ", apiKey="
        + (apiKey == null ? "unset" : "***")
        + "]";
  }
}
