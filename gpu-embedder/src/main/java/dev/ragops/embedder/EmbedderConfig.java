package dev.ragops.embedder;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.nio.file.Path;

/**
 * Configuration of the embedder, under {@code ragops.embedder}.
 *
 * <p>Checked in the constructor rather than with Bean Validation, because the record is also built
 * outside Micronaut (see {@link DjlEmbedder#create(EmbedderConfig)}).
 *
 * @param model id of a registered model; default {@code bge-small-en-v1.5-q}
 * @param cacheDir where model files are extracted; default {@code ${java.io.tmpdir}/ragops-models}
 * @param poolSize predictors, i.e. batches that may run at once; default: available processors
 * @param batchSize texts per model call; default 32
 * @param device {@code cpu} (default) or {@code cuda}; {@code cuda} falls back to the CPU with a
 *     warning when ONNX Runtime has no CUDA provider or no GPU
 */
@ConfigurationProperties("ragops.embedder")
public record EmbedderConfig(
    @Bindable(defaultValue = ModelRegistry.DEFAULT_MODEL_ID) String model,
    @Nullable Path cacheDir,
    @Nullable Integer poolSize,
    @Bindable(defaultValue = "32") int batchSize,
    @Bindable(defaultValue = "CPU") Device device) {

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
    if (poolSize == null) {
      poolSize = Runtime.getRuntime().availableProcessors();
    }
    if (poolSize < 1) {
      throw new IllegalArgumentException("ragops.embedder.pool-size must be >= 1, got " + poolSize);
    }
    if (batchSize < 1) {
      throw new IllegalArgumentException(
          "ragops.embedder.batch-size must be >= 1, got " + batchSize);
    }
    if (device == null) {
      device = Device.CPU;
    }
  }

  /** The defaults, with model files cached under {@code cacheDir}. */
  public static EmbedderConfig defaults(Path cacheDir) {
    return new EmbedderConfig(ModelRegistry.DEFAULT_MODEL_ID, cacheDir, null, 32, Device.CPU);
  }
}
