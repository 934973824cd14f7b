package dev.ragops.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;
import java.time.Duration;

/**
 * API keys, under {@code ragops.auth}.
 *
 * @param enabled whether requests need a key; off in embedded mode, on in PostgreSQL mode
 * @param adminKey a key with every action on every collection, from {@code RAGOPS_ADMIN_KEY}; it is
 *     not stored, so it works before any key exists and is changed by restarting
 * @param rateLimitPerSecond requests per second per key, with bursts of as many; 0 = unlimited
 * @param cacheTtl how long a node trusts a looked-up key: a key revoked on another node stops
 *     working here within this time (at once on the node that revoked it)
 */
@ConfigurationProperties("ragops.auth")
record AuthConfig(
    @Bindable(defaultValue = "false") boolean enabled,
    @Nullable String adminKey,
    @Bindable(defaultValue = "100") double rateLimitPerSecond,
    @Bindable(defaultValue = "5s") Duration cacheTtl) {

  /** Admin keys shorter than this are refused: they could be guessed. */
  static final int MIN_ADMIN_KEY_LENGTH = 24;

  AuthConfig {
    if (adminKey != null && adminKey.isBlank()) {
      adminKey = null;
    }
    if (adminKey != null && adminKey.length() < MIN_ADMIN_KEY_LENGTH) {
      throw new IllegalArgumentException(
          "ragops.auth.admin-key (RAGOPS_ADMIN_KEY) must be at least "
              + MIN_ADMIN_KEY_LENGTH
              + " characters; generate one with: openssl rand -base64 32");
    }
    if (rateLimitPerSecond < 0) {
      throw new IllegalArgumentException(
          "ragops.auth.rate-limit-per-second must be >= 0 (0 = unlimited), got "
              + rateLimitPerSecond);
    }
    if (cacheTtl == null) {
      cacheTtl = Duration.ofSeconds(5);
    }
  }
}
