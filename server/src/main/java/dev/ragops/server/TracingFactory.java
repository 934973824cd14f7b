package dev.ragops.server;

import io.micronaut.context.annotation.Factory;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.inject.Singleton;

/** Makes the process's {@link OpenTelemetry} (an SDK or a no-op, see {@link Tracing}) a bean. */
@Factory
final class TracingFactory {

  @Singleton
  OpenTelemetry openTelemetry(Tracing tracing) {
    return tracing.telemetry();
  }
}
