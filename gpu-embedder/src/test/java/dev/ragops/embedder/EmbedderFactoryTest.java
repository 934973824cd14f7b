package dev.ragops.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ragops.model.Embedder;
import dev.ragops.model.Tokenizer;
import io.micronaut.context.ApplicationContext;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.exceptions.BeanInstantiationException;
import io.micronaut.test.extensions.junit5.annotation.MicronautTest;
import jakarta.inject.Inject;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

@MicronautTest(startApplication = false)
@Property(name = "ragops.embedder.cache-dir", value = "target/model-cache")
@Property(name = "ragops.embedder.batch-size", value = "8")
@Property(name = "ragops.embedder.pool-size", value = "1")
@Property(name = "ragops.embedder.device", value = "cuda")
class EmbedderFactoryTest {

  @Inject EmbedderConfig config;
  @Inject Embedder embedder;
  @Inject DjlEmbedder djlEmbedder;
  @Inject Tokenizer tokenizer;

  @Test
  void bindsConfigurationFromProperties() {
    assertEquals(
        new EmbedderConfig(
            "bge-small-en-v1.5-q",
            Path.of("target/model-cache"),
            1,
            8,
            EmbedderConfig.Device.CUDA,
            256,
            Duration.ofMillis(2),
            4096),
        config);
  }

  @Test
  void exposesOneEmbedderUnderBothTypes() {
    assertSame(djlEmbedder, embedder);
    assertEquals("bge-small-en-v1.5-q", embedder.modelId());
    assertEquals(384, embedder.embedQuery("hello").length);
  }

  @Test
  void fallsBackToTheCpuWhenCudaIsUnavailable() {
    assertEquals("cpu()", djlEmbedder.device());
  }

  @Test
  void providesTheModelTokenizer() {
    assertEquals(3, tokenizer.count("Hello, world"));
  }

  @Test
  void closesModelsWhenTheContextStops() {
    DjlEmbedder closedEmbedder;
    ModelTokenizer closedTokenizer;
    try (ApplicationContext context =
        ApplicationContext.run(Map.of("ragops.embedder.cache-dir", "target/model-cache"))) {
      closedEmbedder = context.getBean(DjlEmbedder.class);
      closedTokenizer = (ModelTokenizer) context.getBean(Tokenizer.class);
      assertEquals(1, closedEmbedder.embedDocuments(List.of("open")).size());
    }
    assertTrue(closedEmbedder.isClosed());
    assertTrue(closedTokenizer.isClosed());
  }

  @Test
  void embedsThroughTheRemoteNodeWhenARemoteUrlIsSet() {
    try (ApplicationContext context =
        ApplicationContext.run(
            Map.of(
                "ragops.embedder.remote-url", "http://embedder.invalid:8080",
                "ragops.embedder.cache-dir", "target/model-cache"))) {
      Embedder remote = context.getBean(Embedder.class);
      assertInstanceOf(RemoteEmbedder.class, remote);
      assertEquals(
          "http://embedder.invalid:8080/v1/embeddings",
          ((RemoteEmbedder) remote).endpoint().toString());
      assertFalse(context.containsBean(DjlEmbedder.class), "no local model");
      assertEquals(3, context.getBean(Tokenizer.class).count("Hello, world"));
    }
  }

  @Test
  void rejectsAnUnknownModel() {
    try (ApplicationContext context =
        ApplicationContext.run(Map.of("ragops.embedder.model", "no-such-model"))) {
      BeanInstantiationException e =
          assertThrows(BeanInstantiationException.class, () -> context.getBean(Embedder.class));
      assertTrue(e.getMessage().contains("no-such-model"), e.getMessage());
    }
  }
}
