package dev.ragops.server;

import jakarta.inject.Singleton;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Turns the key a request presents into the {@link ApiKey} it stands for: the configured admin key,
 * or a stored one. Looked-up keys, and keys found missing, are remembered for {@code
 * ragops.auth.cache-ttl}, so most requests do not touch the database.
 */
@Singleton
class KeyResolver {

  static final String ADMIN_KEY_ID = "admin";

  /** Cache entries beyond this are dropped wholesale: bounded memory under a flood of bad keys. */
  private static final int MAX_CACHED = 100_000;

  private final ApiKeyStore store;
  private final AuthConfig config;
  private final byte[] adminKeyHash;
  private final ApiKey admin;
  private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

  private record Cached(Optional<ApiKey> key, long expiresAtNanos) {}

  KeyResolver(ApiKeyStore store, AuthConfig config) {
    this.store = store;
    this.config = config;
    this.adminKeyHash =
        config.adminKey() == null
            ? null
            : ApiKey.hash(config.adminKey()).getBytes(StandardCharsets.US_ASCII);
    this.admin =
        new ApiKey(
            ADMIN_KEY_ID,
            "admin (RAGOPS_ADMIN_KEY)",
            "",
            Set.of(ApiKey.ALL_COLLECTIONS),
            Set.of(Action.ADMIN),
            Instant.EPOCH);
  }

  /** The active key {@code secret} stands for, if any. */
  Optional<ApiKey> resolve(String secret) {
    String hash = ApiKey.hash(secret);
    if (adminKeyHash != null
        && MessageDigest.isEqual(adminKeyHash, hash.getBytes(StandardCharsets.US_ASCII))) {
      return Optional.of(admin);
    }
    long now = System.nanoTime();
    Cached cached = cache.get(hash);
    if (cached != null && now - cached.expiresAtNanos() < 0) {
      return cached.key();
    }
    Optional<ApiKey> key = store.findActive(hash);
    if (cache.size() >= MAX_CACHED) {
      cache.clear();
    }
    cache.put(hash, new Cached(key, now + config.cacheTtl().toNanos()));
    return key;
  }

  /** Forgets a revoked key at once on this node. */
  void forget(String hash) {
    cache.remove(hash);
  }
}
