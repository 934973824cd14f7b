package dev.ragops.eval;

import dev.ragops.model.RetrievalDefaults;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Each collection's search defaults as tuning stored them ({@link DefaultsTable}). Reads are cached
 * for {@link #TTL_NANOS} (5 s), so another node's change shows within that time; a change made
 * through this bean shows at once on this node.
 */
@Singleton
final class CollectionDefaults implements RetrievalDefaults {

  static final long TTL_NANOS = 5_000_000_000L;

  private record Cached(Map<String, Object> settings, long readAt) {}

  private final DefaultsTable table;
  private final Map<String, Cached> cache = new ConcurrentHashMap<>();

  CollectionDefaults(DefaultsTable table) {
    this.table = table;
  }

  @Override
  public Map<String, Object> defaults(String collection) {
    Cached cached = cache.get(collection);
    if (cached != null && System.nanoTime() - cached.readAt() < TTL_NANOS) {
      return cached.settings();
    }
    var settings = table.read(collection);
    cache.put(collection, new Cached(settings, System.nanoTime()));
    return settings;
  }

  /** Replaces the collection's defaults, keeping the report that chose them. */
  void store(String collection, Map<String, Object> settings, Object report) {
    table.store(collection, settings, report);
    cache.remove(collection);
  }
}
