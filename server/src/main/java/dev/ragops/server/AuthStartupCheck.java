package dev.ragops.server;

import io.micronaut.context.annotation.Value;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Says once, at startup, when the API is open to anyone (unless the server listens on loopback
 * only, as the CLI's private server does), or when no admin key can manage keys.
 */
@Singleton
final class AuthStartupCheck {

  private static final Logger LOG = LoggerFactory.getLogger(AuthStartupCheck.class);
  private static final Set<String> LOOPBACK = Set.of("127.0.0.1", "localhost", "::1");

  private final AuthConfig config;
  private final ApiKeyStore store;
  private final String host;

  AuthStartupCheck(
      AuthConfig config, ApiKeyStore store, @Value("${micronaut.server.host:}") String host) {
    this.config = config;
    this.store = store;
    this.host = host;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    if (!config.enabled() && LOOPBACK.contains(host)) {
      LOG.debug("API keys are off; the server listens on {} only", host);
    } else if (!config.enabled()) {
      LOG.warn(
          "API keys are OFF (ragops.auth.enabled=false, the embedded-mode default): anyone who"
              + " can reach this port can read, change and delete every collection. Set"
              + " RAGOPS_AUTH_ENABLED=true and RAGOPS_ADMIN_KEY to require keys.");
    } else if (config.adminKey() == null && store.listActive().isEmpty()) {
      LOG.warn(
          "API keys are on but none exists and RAGOPS_ADMIN_KEY is not set: every request will"
              + " be refused. Set RAGOPS_ADMIN_KEY, then create keys with POST /v1/keys.");
    }
  }
}
