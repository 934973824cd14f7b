package dev.ragops.model;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.util.HashMap;
import java.util.Map;

/**
 * A trace context carried as a W3C {@code traceparent} value, to continue a trace in work that runs
 * later or elsewhere (an ingest job runs on whichever worker takes it, maybe hours after its
 * upload). Only the trace id, the parent span id and the sampled flag travel; no baggage.
 */
public final class Traceparent {

  private static final String HEADER = "traceparent";

  private static final TextMapGetter<Map<String, String>> GETTER =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(Map<String, String> carrier) {
          return carrier.keySet();
        }

        @Override
        public String get(Map<String, String> carrier, String key) {
          return carrier == null ? null : carrier.get(key);
        }
      };

  private Traceparent() {}

  /** The current span's {@code traceparent}, or null when no valid span is current. */
  public static String current() {
    if (!Span.current().getSpanContext().isValid()) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    W3CTraceContextPropagator.getInstance()
        .inject(Context.current(), carrier, (map, key, value) -> map.put(key, value));
    return carrier.get(HEADER);
  }

  /**
   * A context whose parent span is the one {@code traceparent} names; the root context when it is
   * null or not a valid value (a job queued before tracing was on simply starts its own trace).
   */
  public static Context parent(String traceparent) {
    if (traceparent == null || traceparent.isBlank()) {
      return Context.root();
    }
    return W3CTraceContextPropagator.getInstance()
        .extract(Context.root(), Map.of(HEADER, traceparent.strip()), GETTER);
  }
}
