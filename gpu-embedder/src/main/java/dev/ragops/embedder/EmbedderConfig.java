package dev.ragops.embedder;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Configuration of the local embedder, under {@code ragops.embedder}.
 *
 * <p>Checked in the constructor rather than with Bean Validation, because the record is also built
 * outside Micronaut (see {@link DjlEmbedder#create(EmbedderConfig)}).
 *
 * @param model id of a registered model; default {@code bge-small-en-v1.5-q}
 * @param cacheDir where model files are extracted; default {@code ${java.io.tmpdir}/ragops-models}
 * @param poolSize predictors, i.e. batches that may run at once; default 1 on the CPU, where ONNX
 *     Runtime already spreads one batch over every core (concurrent batches only compete for them,
 *     and while one runs the micro-batcher gathers a larger window), 2 on CUDA, so that the CPU
 *     work around one batch overlaps the GPU work of the next
 * @param batchSize texts per model call; default 32
 * @param device {@code cpu} (default) or {@code cuda}; {@code cuda} falls back to the CPU with a
 *     warning when ONNX Runtime has no CUDA provider or no GPU
 * @param windowSize texts the micro-batcher gathers from all callers before sorting them by length
 *     and cutting them into batches; default 256
 * @param maxWait how long the micro-batcher waits for more texts after the first one arrives;
 *     default 2 ms
 * @param queueCapacity texts that may wait for the model; callers beyond it block (backpressure);
 *     default 4096, at least {@code batchSize}
 */
@ConfigurationProperties("ragops.embedder")
public record EmbedderConfig(
    @Bindable(defaultValue = ModelRegistry.DEFAULT_MODEL_ID) String model,
    @Nullable Path cacheDir,
    @Nullable Integer poolSize,
    @Bindable(defaultValue = "32") int batchSize,
    @Bindable(defaultValue = "CPU") Device device,
    @Bindable(defaultValue = "256") int windowSize,
    @Bindable(defaultValue = "2ms") Duration maxWait,
    @Bindable(defaultValue = "4096") int queueCapacity) {

  /** Where the model runs. */
  public enum Device {
    CPU,
    CUDA
  }

  public EmbedderConfig {
    if (model == null || model.isBlank()) {
      model = ModelRegistry.DEFAULT_MODEL_ID;
    }
    if (cacheDir == null) {
      cacheDir = Path.of(System.getProperty("java.io.tmpdir"), "ragops-models");
    }
    if (device == null) {
      device = Device.CPU;
    }
    if (poolSize == null) {
      poolSize = device == Device.CUDA ? 2 : 1;
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("ragops.embedder.pool-size must be >= 1, got " + poolSize);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "ragops.embedder.batch-size must be >= 1, got " + batchSize);
    }
    if (windowSize < 1) {
      throw new IllegalArgumentException(
          "ragops.embedder.window-size must be >= 1, got " + windowSize);
    }
    if (maxWait == null) {
      maxWait = Duration.ofMillis(2);
    }
    if (maxWait.isNegative()) {
      throw new IllegalArgumentException("ragops.embedder.max-wait must not be negative");
    }
    if (queueCapacity < batchSize) {
      throw new IllegalArgumentException(
          "ragops.embedder.queue-capacity must be >= batch-size ("
              + batchSize
              + "), got "
              + queueCapacity);
    }
  }

  /** The defaults, with model files cached under {@code cacheDir}. */
  public static EmbedderConfig defaults(Path cacheDir) {
    return new EmbedderConfig(
        ModelRegistry.DEFAULT_MODEL_ID,
        cacheDir,
        null,
        32,
        Device.CPU,
        256,
        Duration.ofMillis(2),
        4096);
  }

  /** This configuration with another model. */
  public EmbedderConfig withModel(String modelId) {
    return new EmbedderConfig(
        modelId, cacheDir, poolSize, batchSize, device, windowSize, maxWait, queueCapacity);
  }

  /** This configuration with other batch sizes: texts per model call and per gathered window. */
  public EmbedderConfig withBatching(int batchSize, int windowSize) {
    return new EmbedderConfig(
        model, cacheDir, poolSize, batchSize, device, windowSize, maxWait, queueCapacity);
  }
}
