package dev.ragops.eval;

import dev.ragops.model.Embedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The real embedder with a cache in front, so repeated contexts are embedded once. */
final class CachingEmbedder implements Embedder {

  private final Embedder delegate;
  private final Map<String, float[]> cache = new ConcurrentHashMap<>();

  CachingEmbedder(Embedder delegate) {
    this.delegate = delegate;
  }

  @Override
  public String modelId() {
    return delegate.modelId();
  }

  @Override
  public int dimension() {
    return delegate.dimension();
  }

  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    List<String> missing = texts.stream().filter(t -> !cache.containsKey(t)).distinct().toList();
    if (!missing.isEmpty()) {
      List<float[]> vectors = delegate.embedDocuments(missing);
      for (int i = 0; i < missing.size(); i++) {
        cache.put(missing.get(i), vectors.get(i));
      }
    }
    return new ArrayList<>(texts.stream().map(cache::get).toList());
  }
}
