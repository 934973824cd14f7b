package dev.ragops.ingestion;

import dev.ragops.model.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;

/**
 * The stages of an ingest job, each timed as {@code ragops.ingest.stage{stage=…}} and traced as a
 * span {@code ingest.<stage>}: {@code parse} (Tika), {@code chunk}, {@code scan} (content
 * scanning), {@code embed} (one per batch) and {@code write} (the transaction that replaces the
 * document's chunks), all children of the job's span {@code ingest} ({@code stage=total}), which
 * continues the trace of the request that queued the job.
 */
final class IngestStages {

  final Stage job;
  final Stage parse;
  final Stage chunk;
  final Stage scan;
  final Stage embed;
  final Stage write;

  IngestStages(MeterRegistry meters, OpenTelemetry telemetry) {
    job = Stage.whole("ingest", SpanKind.CONSUMER, meters, telemetry);
    parse = new Stage("ingest", "parse", meters, telemetry);
    chunk = new Stage("ingest", "chunk", meters, telemetry);
    scan = new Stage("ingest", "scan", meters, telemetry);
    embed = new Stage("ingest", "embed", meters, telemetry);
    write = new Stage("ingest", "write", meters, telemetry);
  }
}
