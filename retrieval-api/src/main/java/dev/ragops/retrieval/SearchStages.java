package dev.ragops.retrieval;

import dev.ragops.model.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.SpanKind;

/**
 * The stages of a search, each timed as {@code ragops.search.stage{stage=…}} and traced as a span
 * {@code search.<stage>}: {@code embed_query}, {@code keyword}, {@code vector}, {@code fuse} and
 * {@code rerank}, all children of the span {@code search} ({@code stage=total}). In a hybrid search
 * the keyword and vector legs run in parallel on threads that carry the search's context.
 */
final class SearchStages {

  final Stage total;
  final Stage embedQuery;
  final Stage keyword;
  final Stage vector;
  final Stage fuse;
  final Stage rerank;

  SearchStages(MeterRegistry meters, OpenTelemetry telemetry) {
    total = Stage.whole("search", SpanKind.INTERNAL, meters, telemetry);
    embedQuery = new Stage("search", "embed_query", meters, telemetry);
    keyword = new Stage("search", "keyword", meters, telemetry);
    vector = new Stage("search", "vector", meters, telemetry);
    fuse = new Stage("search", "fuse", meters, telemetry);
    rerank = new Stage("search", "rerank", meters, telemetry);
  }
}
