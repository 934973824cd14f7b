package dev.ragops.retrieval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.NotFoundException;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Takes relevance feedback: checks it names a logged search of the collection (logging a search the
 * sampling left out, while this node holds it) and a chunk or document of the collection, stores it
 * with the query log, and keeps the collection's Prometheus figures: {@code
 * ragops.feedback.judgments{collection,relevant}} and the gauges {@code
 * ragops.feedback.positive.rate{collection}} and {@code
 * ragops.feedback.no.positive.share{collection}}.
 */
@Singleton
final class Feedback {

  private final FeedbackStore store;
  private final QueryLog queryLog;
  private final CollectionCatalog catalog;
  private final MeterRegistry meters;
  private final Map<String, double[]> gauges = new ConcurrentHashMap<>();

  Feedback(
      FeedbackStore store,
      QueryLog queryLog,
      CollectionCatalog catalog,
      @Nullable MeterRegistry registry) {
    this.store = store;
    this.queryLog = queryLog;
    this.catalog = catalog;
    this.meters = registry == null ? new SimpleMeterRegistry() : registry;
  }

  FeedbackStore.Stored submit(String collection, FeedbackRequest request) {
    catalog.requireActiveGeneration(collection);
    request.validate();
    if (queryLog.logged(collection, request.queryId()).isEmpty()) {
      throw new NotFoundException(
          "queryId '"
              + request.queryId()
              + "' is not a logged search of "
              + collection
              + ": the sampling left it out and this node no longer holds it"
              + " (ragops.query-log.hold), or it was never answered here");
    }
    String documentId;
    if (request.chunkId() != null) {
      documentId =
          store
              .chunkDocument(collection, request.chunkId())
              .orElseThrow(() ->
                  new IllegalArgumentException(
                      "chunkId '" + request.chunkId() + "' is not a chunk of " + collection));
    } else {
      if (!store.hasDocument(collection, request.documentId())) {
        throw new IllegalArgumentException(
            "documentId '" + request.documentId() + "' is not a document of " + collection);
      }
      documentId = request.documentId();
    }
    boolean in = store.inResults(request.queryId(), request.chunkId(), documentId);
    var stored = store.insert(collection, request, documentId, in);
    meters
        .counter(
            "ragops.feedback.judgments",
            "collection",
            collection,
            "relevant",
            String.valueOf(stored.relevant()))
        .increment();
    metrics(collection);
    return stored;
  }

  /** The collection's figures, read from the database; the gauges take them too. */
  FeedbackStore.Metrics metrics(String collection) {
    var metrics = store.metrics(collection);
    double[] values =
        gauges.computeIfAbsent(
            collection,
            name -> {
              double[] fresh = new double[2];
              Gauge.builder("ragops.feedback.positive.rate", fresh, v -> v[0])
                  .description("Relevant judgments / judgments")
                  .tag("collection", name)
                  .register(meters);
              Gauge.builder("ragops.feedback.no.positive.share", fresh, v -> v[1])
                  .description("Share of judged queries with no result judged relevant")
                  .tag("collection", name)
                  .register(meters);
              return fresh;
            });
    values[0] = metrics.positiveRate();
    values[1] = metrics.noPositiveShare();
    return metrics;
  }
}
