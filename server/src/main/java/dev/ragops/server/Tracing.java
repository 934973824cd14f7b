package dev.ragops.server;

import dev.ragops.model.Stage;
import io.micronaut.context.annotation.Value;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.exporter.otlp.http.trace.OtlpHttpSpanExporter;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.resources.Resource;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.export.BatchSpanProcessor;
import io.opentelemetry.sdk.trace.export.SpanExporter;
import io.opentelemetry.sdk.trace.samplers.Sampler;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The process's OpenTelemetry: an SDK exporting spans in batches over OTLP/HTTP (the JDK's HTTP
 * client, protobuf) when {@link TracingConfig} names an endpoint, and to any {@link SpanExporter}
 * beans; a no-op when there is neither. W3C trace context is the propagation format. The SDK is not
 * registered globally: everything that traces gets it by injection.
 */
@Singleton
final class Tracing {

  private static final Logger LOG = LoggerFactory.getLogger(Tracing.class);

  private final SdkTracerProvider provider;
  private final OpenTelemetry telemetry;

  Tracing(
      TracingConfig config,
      List<SpanExporter> extraExporters,
      @Value("${" + Role.KEY + ":all}") String role) {
    List<SpanExporter> exporters = new ArrayList<>(extraExporters);
    String url = config.tracesUrl();
    if (url != null) {
      exporters.add(OtlpHttpSpanExporter.builder().setEndpoint(url).build());
    }
    if (exporters.isEmpty()) {
      provider = null;
      telemetry = OpenTelemetry.noop();
      return;
    }
    var resource =
        Resource.getDefault()
            .merge(
                Resource.create(
                    Attributes.of(
                        AttributeKey.stringKey("service.name"), config.serviceName(),
                        AttributeKey.stringKey("service.instance.id"), UUID.randomUUID().toString(),
                        AttributeKey.stringKey("ragops.role"), Role.of(role).toString())));
    provider =
        SdkTracerProvider.builder()
            .setResource(resource)
            .setSampler(Sampler.parentBased(Sampler.traceIdRatioBased(config.samplingRatio())))
            .addSpanProcessor(BatchSpanProcessor.builder(SpanExporter.composite(exporters)).build())
            .build();
    telemetry =
        OpenTelemetrySdk.builder()
            .setTracerProvider(provider)
            .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance()))
            .build();
    LOG.info(
        "Tracing on: service {}, sampling ratio {}, exporting to {}",
        config.serviceName(),
        config.samplingRatio(),
        url == null ? exporters.size() + " exporter bean(s)" : url);
  }

  OpenTelemetry telemetry() {
    return telemetry;
  }

  /** Whether spans are recorded and exported at all. */
  boolean enabled() {
    return provider != null;
  }

  /** Exports the spans ended so far, waiting up to 10 s. */
  void flush() {
    if (provider != null) {
      provider.forceFlush().join(10, TimeUnit.SECONDS);
    }
  }

  /** Exports what is left and stops the exporters. */
  @PreDestroy
  void close() {
    if (provider != null) {
      provider.shutdown().join(10, TimeUnit.SECONDS);
    }
  }

  /** The tracer of ragops' own spans. */
  Tracer tracer() {
    return telemetry.getTracer(Stage.SCOPE);
  }
}
