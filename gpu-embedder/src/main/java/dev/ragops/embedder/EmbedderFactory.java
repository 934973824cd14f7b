package dev.ragops.embedder;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Primary;
import io.micronaut.context.annotation.Property;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.net.URI;
import java.time.Duration;

/**
 * Micronaut beans of this module. The {@link dev.ragops.model.Embedder} that ingestion and search
 * get is, in order of preference:
 *
 * <ol>
 *   <li>a {@link CachingEmbedder} (primary) around the one below, when the application has a {@code
 *       default} data source and {@code ragops.embedder.embedding-cache} is not {@code false};
 *   <li>a {@link RemoteEmbedder} when {@code ragops.embedder.remote-url} is set (no model is loaded
 *       then), otherwise a {@link DjlEmbedder} with its micro-batcher.
 * </ol>
 *
 * <p>The model's {@link dev.ragops.model.Tokenizer} is always local. Models are created on first
 * use and closed when the context stops.
 */
@Factory
class EmbedderFactory {

  static final String REMOTE_URL = "ragops.embedder.remote-url";

  static {
    DjlOffline.enable();
  }

  @Singleton
  @Bean(preDestroy = "close")
  @Requires(missingProperty = REMOTE_URL)
  DjlEmbedder embedder(EmbedderConfig config, @Nullable MeterRegistry registry) {
    return DjlEmbedder.create(config, orNoop(registry));
  }

  @Singleton
  @Requires(property = REMOTE_URL)
  RemoteEmbedder remoteEmbedder(
      EmbedderConfig config,
      @Property(name = REMOTE_URL) URI url,
      @Value("${ragops.embedder.remote-timeout:60s}") Duration timeout,
      @Nullable @Property(name = "ragops.embedder.remote-api-key") String apiKey,
      JsonMapper json) {
    return new RemoteEmbedder(url, config.model(), timeout, apiKey, json);
  }

  @Singleton
  @Primary
  @Requires(beans = EmbeddingCacheTable.class)
  @Requires(missingProperty = REMOTE_URL)
  CachingEmbedder cachingEmbedder(
      DjlEmbedder embedder, EmbeddingCacheTable cache, @Nullable MeterRegistry registry) {
    return new CachingEmbedder(embedder, cache, orNoop(registry));
  }

  @Singleton
  @Primary
  @Requires(beans = EmbeddingCacheTable.class)
  @Requires(property = REMOTE_URL)
  CachingEmbedder cachingRemoteEmbedder(
      RemoteEmbedder embedder, EmbeddingCacheTable cache, @Nullable MeterRegistry registry) {
    return new CachingEmbedder(embedder, cache, orNoop(registry));
  }

  @Singleton
  @Bean(preDestroy = "close")
  ModelTokenizer tokenizer(EmbedderConfig config) {
    ModelSpec spec = ModelRegistry.find(config.model());
    return ModelTokenizer.load(new ModelCache(config.cacheDir()).materialize(spec).tokenizer());
  }

  private static MeterRegistry orNoop(@Nullable MeterRegistry registry) {
    return registry != null ? registry : new CompositeMeterRegistry();
  }
}
