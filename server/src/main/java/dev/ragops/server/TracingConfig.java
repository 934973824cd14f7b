package dev.ragops.server;

import io.micronaut.context.annotation.ConfigurationProperties;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.bind.annotation.Bindable;

/**
 * OpenTelemetry traces, under {@code ragops.tracing}. Tracing is off unless an OTLP endpoint is set
 * (or an exporter bean is present, as in tests); off, every span is a no-op.
 *
 * @param endpoint the OTLP/HTTP base address of a collector, e.g. {@code
 *     http://otel-collector:4318} ({@code OTEL_EXPORTER_OTLP_ENDPOINT}); spans are posted to {@code
 *     <endpoint>/v1/traces}
 * @param tracesEndpoint the full traces address, winning over {@code endpoint} ({@code
 *     OTEL_EXPORTER_OTLP_TRACES_ENDPOINT})
 * @param serviceName the resource's {@code service.name} ({@code OTEL_SERVICE_NAME}, default
 *     ragops); the node's role is the resource attribute {@code ragops.role}
 * @param samplingRatio the share of new traces recorded, 0 to 1; a request that arrives with a
 *     {@code traceparent} follows its caller's sampling decision (parent-based)
 */
@ConfigurationProperties("ragops.tracing")
record TracingConfig(
    @Nullable String endpoint,
    @Nullable String tracesEndpoint,
    @Bindable(defaultValue = "ragops") String serviceName,
    @Bindable(defaultValue = "1.0") double samplingRatio) {

  TracingConfig {
    if (samplingRatio < 0 || samplingRatio > 1) {
      throw new IllegalArgumentException(
          "ragops.tracing.sampling-ratio must be between 0 and 1, got " + samplingRatio);
    }
    if (serviceName == null || serviceName.isBlank()) {
      serviceName = "ragops";
    }
  }

  /** Where spans are posted, or null when no endpoint is configured. */
  @Nullable
  String tracesUrl() {
    if (tracesEndpoint != null && !tracesEndpoint.isBlank()) {
      return tracesEndpoint.strip();
    }
    if (endpoint == null || endpoint.isBlank()) {
      return null;
    }
    String base = endpoint.strip();
    return (base.endsWith("/") ? base.substring(0, base.length() - 1) : base) + "/v1/traces";
  }
}
