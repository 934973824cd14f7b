package dev.ragops.server;

import io.micronaut.core.order.Ordered;
import io.micronaut.core.propagation.PropagatedContext;
import io.micronaut.http.BasicHttpAttributes;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Filter;
import io.micronaut.http.filter.HttpServerFilter;
import io.micronaut.http.filter.ServerFilterChain;
import io.micronaut.http.filter.ServerFilterPhase;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import org.reactivestreams.Publisher;
import reactor.core.publisher.Flux;

/**
 * Traces every HTTP request as a server span named {@code <method> <route>} (e.g. {@code POST
 * /v1/collections/{name}/search}), continuing the caller's trace when the request carries a W3C
 * {@code traceparent}. The span is current while the request is handled, on whichever thread, so
 * the work it does (a search's stages, the ingest job an upload queues) joins its trace.
 *
 * <p>It records the method, the route, the path and the status; never the query string, headers or
 * bodies (they can hold search text or documents).
 */
@Filter(Filter.MATCH_ALL_PATTERN)
final class TraceFilter implements HttpServerFilter, Ordered {

  private static final TextMapGetter<HttpHeaders> HEADERS =
      new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(HttpHeaders headers) {
          return headers.names();
        }

        @Override
        public String get(HttpHeaders headers, String key) {
          return headers == null ? null : headers.get(key);
        }
      };

  private final Tracing tracing;

  TraceFilter(Tracing tracing) {
    this.tracing = tracing;
  }

  @Override
  public Publisher<MutableHttpResponse<?>> doFilter(
      HttpRequest<?> request, ServerFilterChain chain) {
    if (!tracing.enabled()) {
      return chain.proceed(request);
    }
    Context parent =
        W3CTraceContextPropagator.getInstance()
            .extract(Context.root(), request.getHeaders(), HEADERS);
    String method = request.getMethodName();
    Span span =
        tracing
            .tracer()
            .spanBuilder(method)
            .setParent(parent)
            .setSpanKind(SpanKind.SERVER)
            .setAttribute("http.request.method", method)
            .setAttribute("url.path", request.getPath())
            .startSpan();
    Context context = parent.with(span);
    Publisher<MutableHttpResponse<?>> response;
    try (PropagatedContext.Scope ignored =
            PropagatedContext.getOrEmpty().plus(new TraceContextElement(context)).propagate();
        var current = context.makeCurrent()) {
      response = chain.proceed(request);
    } catch (RuntimeException e) {
      end(span, request, 500, e);
      throw e;
    }
    return Flux.from(response)
        .doOnNext(answer -> end(span, request, answer.code(), null))
        .doOnError(e -> end(span, request, 500, e))
        .doOnCancel(span::end);
  }

  private static void end(Span span, HttpRequest<?> request, int status, Throwable error) {
    BasicHttpAttributes.getUriTemplate(request)
        .ifPresent(route -> {
          span.setAttribute("http.route", route);
          span.updateName(request.getMethodName() + " " + route);
        });
    span.setAttribute("http.response.status_code", status);
    if (status >= 500) {
      span.setStatus(StatusCode.ERROR);
    }
    if (error != null) {
      span.setAttribute("error.type", error.getClass().getName());
    }
    span.end();
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.TRACING.order();
  }
}
