package dev.ragops.embedder;

import static dev.ragops.embedder.VectorAssertions.cosine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import ai.djl.engine.Engine;
import ai.djl.engine.StandardCapabilities;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The CUDA path gives the CPU's vectors. Runs only where ONNX Runtime has its CUDA provider (build
 * with {@code -Pgpu}) and a GPU is present; elsewhere it is skipped with the reason.
 */
class GpuVectorTest {

  private static final double MAX_COSINE_DISTANCE = 1e-3;

  private static final List<String> TEXTS =
      List.of(
          "Aircraft wings generate lift because air flows faster over the curved upper surface.",
          "Paris is the capital of France.",
          "A short one.",
          "PostgreSQL stores vectors with the pgvector extension and indexes them with HNSW graphs.",
          "");

  @Test
  void gpuVectorsEqualCpuVectors() {
    assumeTrue(
        Engine.getEngine("OnnxRuntime").hasCapability(StandardCapabilities.CUDA)
            && Engine.getEngine("OnnxRuntime").getGpuCount() > 0,
        "No CUDA GPU for ONNX Runtime here (needs a GPU, CUDA 12, cuDNN 9 and a build with -Pgpu):"
            + " GPU-vs-CPU vector check skipped");
    Path cacheDir = Path.of("target/model-cache");
    EmbedderConfig cpu = EmbedderConfig.defaults(cacheDir);
    EmbedderConfig cuda =
        new EmbedderConfig(
            cpu.model(),
            cacheDir,
            cpu.poolSize(),
            cpu.batchSize(),
            EmbedderConfig.Device.CUDA,
            cpu.windowSize(),
            cpu.maxWait(),
            cpu.queueCapacity());
    try (DjlEmbedder onCpu = DjlEmbedder.create(cpu);
        DjlEmbedder onGpu = DjlEmbedder.create(cuda)) {
      assertTrue(onGpu.device().startsWith("gpu"), "model loaded on " + onGpu.device());
      List<float[]> expected = onCpu.embedDocuments(TEXTS);
      List<float[]> actual = onGpu.embedDocuments(TEXTS);
      assertEquals(expected.size(), actual.size());
      for (int i = 0; i < TEXTS.size(); i++) {
        double distance = 1 - cosine(expected.get(i), actual.get(i));
        assertTrue(distance <= MAX_COSINE_DISTANCE, "text " + i + ": cosine distance " + distance);
      }
    }
  }
}
