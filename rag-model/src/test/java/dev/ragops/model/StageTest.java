package dev.ragops.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StageTest {

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final SdkTracerProvider provider =
      SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
  private final OpenTelemetrySdk telemetry =
      OpenTelemetrySdk.builder().setTracerProvider(provider).build();
  private final SimpleMeterRegistry meters = new SimpleMeterRegistry();

  @AfterEach
  void close() {
    provider.close();
  }

  @Test
  void oneRunIsOneTimerSampleAndOneChildSpan() {
    var total = Stage.whole("search", SpanKind.INTERNAL, meters, telemetry);
    var keyword = new Stage("search", "keyword", meters, telemetry);

    int hits =
        total.record(outer ->
            keyword.record(span -> {
              span.setAttribute("ragops.search.hits", 3);
              return 3;
            }));

    assertThat(hits).isEqualTo(3);
    assertThat(meters.get("ragops.search.stage").tag("stage", "keyword").timer().count())
        .isEqualTo(1);
    assertThat(meters.get("ragops.search.stage").tag("stage", "total").timer().count())
        .isEqualTo(1);
    SpanData outer = span("search");
    SpanData inner = span("search.keyword");
    assertThat(inner.getParentSpanId()).isEqualTo(outer.getSpanId());
    assertThat(inner.getTraceId()).isEqualTo(outer.getTraceId());
    assertThat(inner.getAttributes().get(AttributeKey.longKey("ragops.search.hits"))).isEqualTo(3);
  }

  @Test
  void aFailureMarksTheSpanWithTheErrorTypeOnlyAndStillTimes() {
    var parse = new Stage("ingest", "parse", meters, telemetry);

    assertThatThrownBy(() ->
            parse.record(() -> {
              throw new IllegalStateException("secret document text");
            }))
        .isInstanceOf(IllegalStateException.class);

    SpanData failed = span("ingest.parse");
    assertThat(failed.getStatus().getStatusCode()).isEqualTo(StatusCode.ERROR);
    assertThat(failed.getAttributes().get(AttributeKey.stringKey("error.type")))
        .isEqualTo(IllegalStateException.class.getName());
    assertThat(failed.getStatus().getDescription()).doesNotContain("secret");
    assertThat(failed.getEvents()).isEmpty();
    assertThat(meters.get("ragops.ingest.stage").tag("stage", "parse").timer().count())
        .isEqualTo(1);
  }

  @Test
  void aTraceparentTakenNowContinuesTheTraceLater() {
    var upload = new Stage("http", "upload", meters, telemetry);
    var job = Stage.whole("ingest", SpanKind.CONSUMER, meters, telemetry);

    String carried = upload.record(span -> Traceparent.current());
    assertThat(Traceparent.current()).as("nothing is current outside a stage").isNull();
    job.record(Traceparent.parent(carried), span -> null);

    SpanData queued = span("http.upload");
    SpanData ran = span("ingest");
    // version 00, the trace, the parent span, and flags with the sampled bit (01; 03 adds W3C's
    // "random trace id" bit)
    assertThat(carried).matches("00-" + queued.getTraceId() + "-" + queued.getSpanId() + "-0[13]");
    assertThat(ran.getTraceId()).isEqualTo(queued.getTraceId());
    assertThat(ran.getParentSpanId()).isEqualTo(queued.getSpanId());
    assertThat(ran.getKind()).isEqualTo(SpanKind.CONSUMER);
  }

  @Test
  void aLinkedStageRunningLaterHasItsOwnTraceAndALinkToTheWrite() {
    var write = new Stage("ingest", "write", meters, telemetry);
    var apply = new Stage("lucene", "apply", meters, telemetry);

    String carried = write.record(span -> Traceparent.current());
    apply.recordLinked(carried, span -> null);
    apply.recordLinked(null, span -> null);

    SpanData written = span("ingest.write");
    var applied =
        spans.getFinishedSpanItems().stream()
            .filter(span -> span.getName().equals("lucene.apply"))
            .toList();
    assertThat(applied).hasSize(2);
    assertThat(applied.get(0).getParentSpanContext().isValid()).isFalse();
    assertThat(applied.get(0).getTraceId()).isNotEqualTo(written.getTraceId());
    assertThat(applied.get(0).getLinks())
        .singleElement()
        .satisfies(link -> {
          assertThat(link.getSpanContext().getTraceId()).isEqualTo(written.getTraceId());
          assertThat(link.getSpanContext().getSpanId()).isEqualTo(written.getSpanId());
        });
    assertThat(applied.get(1).getLinks()).isEmpty();
    assertThat(meters.get("ragops.lucene.stage").tag("stage", "apply").timer().count())
        .isEqualTo(2);
  }

  @Test
  void aMissingOrBrokenTraceparentStartsANewTrace() {
    var job = Stage.whole("ingest", SpanKind.CONSUMER, meters, telemetry);

    job.record(Traceparent.parent(null), span -> null);
    job.record(Traceparent.parent("not-a-traceparent"), span -> null);

    assertThat(spans.getFinishedSpanItems())
        .hasSize(2)
        .allSatisfy(span -> assertThat(span.getParentSpanContext().isValid()).isFalse());
  }

  private SpanData span(String name) {
    return spans.getFinishedSpanItems().stream()
        .filter(span -> span.getName().equals(name))
        .findFirst()
        .orElseThrow(
            () -> new AssertionError("no span " + name + " in " + spans.getFinishedSpanItems()));
  }
}
