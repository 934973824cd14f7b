package dev.ragops.server;

import dev.ragops.indexer.Indexer;
import io.micronaut.core.async.publisher.Publishers;
import io.micronaut.health.HealthStatus;
import io.micronaut.management.health.indicator.HealthIndicator;
import io.micronaut.management.health.indicator.HealthResult;
import io.micronaut.management.health.indicator.annotation.Readiness;
import jakarta.inject.Singleton;
import java.util.Map;
import org.reactivestreams.Publisher;

/**
 * Ready only once this node's Lucene index has caught up with the database at startup (or was
 * rebuilt from it), so a new replica takes no searches it would answer from a stale index. Part of
 * {@code /health} and {@code /health/readiness}.
 */
@Singleton
@Readiness
final class LuceneReadiness implements HealthIndicator {

  private final Indexer indexer;

  LuceneReadiness(Indexer indexer) {
    this.indexer = indexer;
  }

  @Override
  public Publisher<HealthResult> getResult() {
    boolean caughtUp = indexer.caughtUp();
    return Publishers.just(
        HealthResult.builder("lucene", caughtUp ? HealthStatus.UP : HealthStatus.DOWN)
            .details(Map.of("caughtUp", caughtUp))
            .build());
  }
}
