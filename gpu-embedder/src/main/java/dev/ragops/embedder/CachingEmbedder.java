package dev.ragops.embedder;

import dev.ragops.model.Embedder;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * An {@link Embedder} that embeds each distinct text once per model: it looks texts up in the
 * {@link EmbeddingCacheTable} by {@link TextHash}, sends only the misses to the embedder it wraps,
 * and stores their vectors. Identical texts within one call are embedded once as well. Re-uploads,
 * boilerplate repeated across documents and chunks unchanged by a re-chunk cost a lookup, not a
 * model call.
 *
 * <p>Queries are not cached: they are embedded directly, and no search writes to the database.
 * Counts texts served from the cache and texts embedded in {@code ragops.embedder.cache.hits} and
 * {@code ragops.embedder.cache.misses}.
 */
final class CachingEmbedder implements Embedder {

  private final Embedder embedder;
  private final EmbeddingCacheTable cache;
  private final Counter hits;
  private final Counter misses;

  CachingEmbedder(Embedder embedder, EmbeddingCacheTable cache, MeterRegistry registry) {
    this.embedder = embedder;
    this.cache = cache;
    this.hits =
        Counter.builder("ragops.embedder.cache.hits")
            .description("Texts whose vector came from the embedding cache")
            .tag("model", embedder.modelId())
            .register(registry);
    this.misses =
        Counter.builder("ragops.embedder.cache.misses")
            .description("Texts embedded because the embedding cache did not have them")
            .tag("model", embedder.modelId())
            .register(registry);
  }

  @Override
  public String modelId() {
    return embedder.modelId();
  }

  @Override
  public int dimension() {
    return embedder.dimension();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a text is null
   * @throws dev.ragops.model.RetriableException if the cache cannot be read or written
   */
  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    return embedCounted(texts).vectors();
  }

  /**
   * {@inheritDoc} A text counts as cached when its vector was in the cache before this call, or it
   * repeats a text earlier in the call: only the first of identical texts is embedded.
   */
  @Override
  public Embedded embedCounted(List<String> texts) {
    if (texts.isEmpty()) {
      return new Embedded(List.of(), new BitSet());
    }
    String[] hashes = new String[texts.size()];
    Map<String, String> distinct = new LinkedHashMap<>();
    for (int i = 0; i < texts.size(); i++) {
      String text = texts.get(i);
      if (text == null) {
        throw new IllegalArgumentException("texts[" + i + "] is null");
      }
      hashes[i] = TextHash.of(text);
      distinct.putIfAbsent(hashes[i], text);
    }
    Map<String, float[]> vectors =
        new HashMap<>(cache.find(modelId(), dimension(), distinct.keySet()));
    List<String> missingHashes = new ArrayList<>();
    List<String> missingTexts = new ArrayList<>();
    distinct.forEach((hash, text) -> {
      if (!vectors.containsKey(hash)) {
        missingHashes.add(hash);
        missingTexts.add(text);
      }
    });
    if (!missingTexts.isEmpty()) {
      List<float[]> embedded = embedder.embedDocuments(missingTexts);
      Map<String, float[]> fresh = new HashMap<>();
      for (int i = 0; i < missingHashes.size(); i++) {
        fresh.put(missingHashes.get(i), embedded.get(i));
      }
      cache.store(modelId(), fresh);
      vectors.putAll(fresh);
    }
    hits.increment(texts.size() - missingTexts.size());
    misses.increment(missingTexts.size());
    List<float[]> result = new ArrayList<>(texts.size());
    BitSet cached = new BitSet(texts.size());
    Set<String> notYetUsed = new HashSet<>(missingHashes);
    for (int i = 0; i < hashes.length; i++) {
      result.add(vectors.get(hashes[i]).clone()); // repeated texts get arrays of their own
      // cached, or a repeat of a text embedded earlier in this call: either way not embedded
      cached.set(i, !notYetUsed.remove(hashes[i]));
    }
    return new Embedded(result, cached);
  }

  /** Embeds the query directly, without the cache. */
  @Override
  public float[] embedQuery(String query) {
    return embedder.embedQuery(query);
  }
}
