package dev.ragops.embedder;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import jakarta.inject.Singleton;

/**
 * Micronaut beans of this module: a {@link DjlEmbedder} (injectable as {@link
 * dev.ragops.model.Embedder}) and the model's {@link dev.ragops.model.Tokenizer}, both configured
 * by {@link EmbedderConfig}, created on first use and closed when the context stops.
 */
@Factory
class EmbedderFactory {

  static {
    DjlOffline.enable();
  }

  @Singleton
  @Bean(preDestroy = "close")
  DjlEmbedder embedder(EmbedderConfig config) {
    return DjlEmbedder.create(config);
  }

  @Singleton
  @Bean(preDestroy = "close")
  ModelTokenizer tokenizer(EmbedderConfig config) {
    ModelSpec spec = ModelRegistry.find(config.model());
    return ModelTokenizer.load(new ModelCache(config.cacheDir()).materialize(spec).tokenizer());
  }
}
