package dev.ragops.retrieval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.RelevanceFeedback;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/** Relevance feedback on search hits, the judgments and the collection's feedback figures. */
@Controller("/v1/collections/{name}")
class FeedbackController {

  private final Feedback feedback;
  private final FeedbackStore store;
  private final CollectionCatalog catalog;

  FeedbackController(Feedback feedback, FeedbackStore store, CollectionCatalog catalog) {
    this.feedback = feedback;
    this.store = store;
    this.catalog = catalog;
  }

  @Post("/feedback")
  HttpResponse<FeedbackStore.Stored> submit(String name, @Body FeedbackRequest request) {
    return HttpResponse.created(feedback.submit(name, request));
  }

  /** A judgment as the API shows it ({@link RelevanceFeedback.Judgment}). */
  @Serdeable
  record JudgmentView(
      String queryId,
      String query,
      @Nullable String chunkId,
      String documentId,
      @Nullable String sourceId,
      boolean relevant,
      boolean inResults,
      Instant createdAt) {}

  /** Every judgment of the collection, oldest first, with the query it is about. */
  @Get("/feedback")
  Map<String, List<JudgmentView>> judgments(String name) {
    catalog.requireActiveGeneration(name);
    return Map.of(
        "judgments",
        store.judgments(name).stream()
            .map(j ->
                new JudgmentView(
                    j.queryId(),
                    j.query(),
                    j.chunkId(),
                    j.documentId(),
                    j.sourceId(),
                    j.relevant(),
                    j.inResults(),
                    j.createdAt()))
            .toList());
  }

  @Get("/feedback/metrics")
  FeedbackStore.Metrics metrics(String name) {
    catalog.requireActiveGeneration(name);
    return feedback.metrics(name);
  }
}
