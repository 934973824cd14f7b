package dev.ragops.server;

import io.micronaut.context.annotation.EachProperty;
import io.micronaut.context.annotation.Parameter;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * What one embedding model's work costs, under {@code ragops.usage.prices.<name>}: a price per 1000
 * tokens (a hosted model) and/or per GPU-hour of embedding time (a local model). Models without a
 * price cost 0.
 *
 * @param model the model id as chunks record it, e.g. {@code bge-small-en-v1.5-q}
 * @param perThousandTokens currency units per 1000 tokens
 * @param gpuHour currency units per hour the embedder spent on the model's work
 */
@EachProperty("ragops.usage.prices")
record ModelPrice(
    @Parameter String name,
    String model,
    @Bindable(defaultValue = "0") double perThousandTokens,
    @Bindable(defaultValue = "0") double gpuHour) {

  ModelPrice {
    if (model == null || model.isBlank()) {
      throw new IllegalArgumentException("ragops.usage.prices." + name + ".model is required");
    }
    if (perThousandTokens < 0 || gpuHour < 0) {
      throw new IllegalArgumentException(
          "ragops.usage.prices." + name + ": per-thousand-tokens and gpu-hour must be >= 0");
    }
  }

  /** The cost of {@code tokens} tokens embedded in {@code computeMillis}. */
  double cost(long tokens, long computeMillis) {
    return tokens / 1000.0 * perThousandTokens + computeMillis / 3_600_000.0 * gpuHour;
  }
}
