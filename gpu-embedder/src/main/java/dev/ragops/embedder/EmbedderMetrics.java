package dev.ragops.embedder;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.IntSupplier;

/**
 * What the local embedder has done, kept in counters that {@link DjlEmbedder#stats()} reads and
 * that are registered as Micrometer meters tagged with the model id:
 *
 * <ul>
 *   <li>{@code ragops.embedder.batch.size}: texts per model call (summary);
 *   <li>{@code ragops.embedder.queue.depth}: texts waiting for the model (gauge);
 *   <li>{@code ragops.embedder.tokens.real}, {@code ragops.embedder.tokens.padding}: tokens the
 *       model computed for text and for padding (counters; their rates' ratio is the recent waste);
 *   <li>{@code ragops.embedder.padding.waste}: padding tokens / real tokens since start (gauge).
 * </ul>
 */
final class EmbedderMetrics {

  private final LongAdder texts = new LongAdder();
  private final LongAdder batches = new LongAdder();
  private final LongAdder realTokens = new LongAdder();
  private final LongAdder paddingTokens = new LongAdder();
  private final IntSupplier queueDepth;
  private final DistributionSummary batchSize;

  EmbedderMetrics(MeterRegistry registry, String modelId, IntSupplier queueDepth) {
    this.queueDepth = queueDepth;
    Tags tags = Tags.of("model", modelId);
    batchSize =
        DistributionSummary.builder("ragops.embedder.batch.size")
            .description("Texts per model call")
            .baseUnit("texts")
            .tags(tags)
            .register(registry);
    Gauge.builder("ragops.embedder.queue.depth", this, m -> m.queueDepth.getAsInt())
        .description("Texts waiting for the model")
        .baseUnit("texts")
        .tags(tags)
        .register(registry);
    Gauge.builder("ragops.embedder.padding.waste", this, EmbedderMetrics::paddingWaste)
        .description("Padding tokens per real token computed by the model since start")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("ragops.embedder.tokens.real", realTokens, LongAdder::sum)
        .description("Real (unpadded) tokens the model computed")
        .baseUnit("tokens")
        .tags(tags)
        .register(registry);
    FunctionCounter.builder("ragops.embedder.tokens.padding", paddingTokens, LongAdder::sum)
        .description("Padding tokens the model computed")
        .baseUnit("tokens")
        .tags(tags)
        .register(registry);
  }

  /** Records one model call of {@code rows} texts padded to {@code width} tokens. */
  void recordBatch(int rows, int width, long real) {
    texts.add(rows);
    batches.increment();
    realTokens.add(real);
    paddingTokens.add((long) rows * width - real);
    batchSize.record(rows);
  }

  double paddingWaste() {
    long real = realTokens.sum();
    return real == 0 ? 0 : (double) paddingTokens.sum() / real;
  }

  DjlEmbedder.Stats snapshot() {
    return new DjlEmbedder.Stats(
        texts.sum(), batches.sum(), realTokens.sum(), paddingTokens.sum(), queueDepth.getAsInt());
  }
}
