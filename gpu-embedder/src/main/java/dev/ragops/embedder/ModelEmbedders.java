package dev.ragops.embedder;

import dev.ragops.model.Embedder;
import dev.ragops.model.EmbedderCatalog;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Property;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Every registered model this node can load, for collections whose settings name a model other than
 * the configured one ({@code ragops.embedder.model}). Each extra model is loaded on first use,
 * shares the configuration's batching and device, goes through the embedding cache like the
 * configured one, and is closed on shutdown. In remote mode only the configured model is served.
 */
@Singleton
final class ModelEmbedders implements EmbedderCatalog {

  private final Embedder configured;
  private final EmbedderConfig config;
  private final EmbeddingCacheTable cache;
  private final MeterRegistry registry;
  private final boolean remote;
  private final Map<String, Embedder> loaded = new ConcurrentHashMap<>();
  private final Map<String, DjlEmbedder> owned = new ConcurrentHashMap<>();

  ModelEmbedders(
      Embedder configured,
      EmbedderConfig config,
      @Nullable EmbeddingCacheTable cache,
      @Nullable MeterRegistry registry,
      @Nullable @Property(name = EmbedderFactory.REMOTE_URL) String remoteUrl) {
    this.configured = configured;
    this.config = config;
    this.cache = cache;
    this.registry = registry != null ? registry : new CompositeMeterRegistry();
    this.remote = remoteUrl != null;
  }

  @Override
  public Embedder forModel(String modelId) {
    if (modelId == null || modelId.equals(configured.modelId())) {
      return configured;
    }
    ModelRegistry.find(modelId); // unknown ids fail here, naming the known ones
    if (remote) {
      throw new IllegalArgumentException(
          "embedding.model '"
              + modelId
              + "' cannot be used: this node embeds remotely with '"
              + configured.modelId()
              + "' only");
    }
    return loaded.computeIfAbsent(modelId, this::load);
  }

  private Embedder load(String modelId) {
    DjlEmbedder model;
    try {
      model = DjlEmbedder.create(config.withModel(modelId), registry);
    } catch (IllegalStateException e) {
      throw new IllegalArgumentException(
          "embedding.model '" + modelId + "' cannot be loaded: " + e.getMessage(), e);
    }
    owned.put(modelId, model);
    return cache == null ? model : new CachingEmbedder(model, cache, registry);
  }

  @PreDestroy
  void close() {
    owned.values().forEach(DjlEmbedder::close);
  }
}
