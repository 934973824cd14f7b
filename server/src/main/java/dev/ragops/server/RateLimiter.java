package dev.ragops.server;

import jakarta.inject.Singleton;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A token bucket per key: {@code ragops.auth.rate-limit-per-second} tokens a second, holding at
 * most as many (a one-second burst). In memory, so each node limits on its own: a key may make that
 * many requests per second on every API replica.
 */
@Singleton
class RateLimiter {

  private final double perSecond;
  private final double capacity;
  private final ConcurrentHashMap<String, Bucket> buckets = new ConcurrentHashMap<>();

  RateLimiter(AuthConfig config) {
    this.perSecond = config.rateLimitPerSecond();
    this.capacity = Math.max(1, perSecond);
  }

  /** Takes a token for {@code keyId}; false when the key is over its limit. */
  boolean tryAcquire(String keyId) {
    if (perSecond <= 0) {
      return true;
    }
    return buckets.computeIfAbsent(keyId, id -> new Bucket()).tryTake(System.nanoTime());
  }

  private final class Bucket {
    private double tokens = capacity;
    private long refilledAt = System.nanoTime();

    synchronized boolean tryTake(long now) {
      tokens = Math.min(capacity, tokens + (now - refilledAt) / 1e9 * perSecond);
      refilledAt = now;
      if (tokens < 1) {
        return false;
      }
      tokens -= 1;
      return true;
    }
  }
}
