package dev.ragops.model;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * One stage of a flow (a search, an ingest job), measured in one place two ways: each run is
 * recorded on the Micrometer timer {@code ragops.<flow>.stage{stage=<name>}} and is an
 * OpenTelemetry span named {@code <flow>.<name>}, a child of the span current when it starts and
 * itself current while the work runs (so stages started inside it, or on threads the current
 * context is carried to, become its children).
 *
 * <p>With no OpenTelemetry SDK installed the spans are no-ops and only the timer records. The work
 * may add attributes to its span; by the project's rule they describe sizes, counts and settings,
 * never document or query text. A failure marks the span as an error with the exception's type only
 * (messages can quote content).
 */
public final class Stage {

  /** The instrumentation scope of ragops' own spans. */
  public static final String SCOPE = "dev.ragops";

  private final Timer timer;
  private final Tracer tracer;
  private final String spanName;
  private final SpanKind kind;

  /**
   * @param flow the flow ({@code search}, {@code ingest}, {@code lucene}): the timer is {@code
   *     ragops.<flow>.stage}
   * @param name the stage, tagged {@code stage=<name>} on the timer; the span is {@code
   *     <flow>.<name>}
   */
  public Stage(String flow, String name, MeterRegistry meters, OpenTelemetry telemetry) {
    this(flow, name, flow + "." + name, SpanKind.INTERNAL, meters, telemetry);
  }

  private Stage(
      String flow,
      String name,
      String spanName,
      SpanKind kind,
      MeterRegistry meters,
      OpenTelemetry telemetry) {
    this.timer =
        Timer.builder("ragops." + flow + ".stage")
            .tag("stage", name)
            .description("time spent in one stage of a " + flow)
            .publishPercentileHistogram()
            .register(meters);
    this.tracer = telemetry.getTracer(SCOPE);
    this.spanName = spanName;
    this.kind = kind;
  }

  /**
   * The whole flow as a stage: the timer is tagged {@code stage=total}, the span is named {@code
   * <flow>} and is of {@code kind} (an ingest job is a {@link SpanKind#CONSUMER} of its upload).
   */
  public static Stage whole(
      String flow, SpanKind kind, MeterRegistry meters, OpenTelemetry telemetry) {
    return new Stage(flow, "total", flow, kind, meters, telemetry);
  }

  /** Runs {@code work} as this stage and returns its result. */
  public <T> T record(Supplier<T> work) {
    return record(span -> work.get());
  }

  /** Runs {@code work} as this stage, giving it the stage's span to describe the outcome on. */
  public <T> T record(Function<Span, T> work) {
    return record(Context.current(), work);
  }

  /**
   * Runs {@code work} as this stage under {@code parent} rather than the current context (e.g. the
   * context of the request that queued a job, see {@link Traceparent#parent}).
   */
  public <T> T record(Context parent, Function<Span, T> work) {
    return run(tracer.spanBuilder(spanName).setParent(parent), work);
  }

  /**
   * Runs {@code work} as this stage (a child of the current span, if any) with a link to the span
   * {@code traceparent} names, when it is a valid one (it may be null): for work that follows
   * another one asynchronously, such as a node's Lucene index applying a change an ingest job
   * wrote.
   */
  public <T> T recordLinked(String traceparent, Function<Span, T> work) {
    var builder = tracer.spanBuilder(spanName).setParent(Context.current());
    var linked = Span.fromContext(Traceparent.parent(traceparent)).getSpanContext();
    if (linked.isValid()) {
      builder.addLink(linked);
    }
    return run(builder, work);
  }

  private <T> T run(SpanBuilder builder, Function<Span, T> work) {
    Span span = builder.setSpanKind(kind).startSpan();
    long started = System.nanoTime();
    try (Scope ignored = span.makeCurrent()) {
      return work.apply(span);
    } catch (RuntimeException | Error e) {
      failed(span, e);
      throw e;
    } finally {
      timer.record(System.nanoTime() - started, TimeUnit.NANOSECONDS);
      span.end();
    }
  }

  /** Marks {@code span} failed by {@code error}, naming only the error's type. */
  public static void failed(Span span, Throwable error) {
    span.setStatus(StatusCode.ERROR, error.getClass().getSimpleName());
    span.setAttribute("error.type", error.getClass().getName());
  }
}
