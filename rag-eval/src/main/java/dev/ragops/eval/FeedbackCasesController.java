package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** {@code POST …/datasets/{dataset}/cases:fromFeedback}: golden cases from relevance feedback. */
@Controller("/v1/collections/{name}")
@ExecuteOn(TaskExecutors.BLOCKING)
class FeedbackCasesController {

  private final FeedbackPromotion promotion;

  FeedbackCasesController(FeedbackPromotion promotion) {
    this.promotion = promotion;
  }

  @Post("/datasets/{dataset}/cases:fromFeedback")
  HttpResponse<Map<String, List<CaseView>>> promote(
      String name, String dataset, @Nullable @Body FeedbackPromotion.FromFeedback request) {
    return HttpResponse.created(Map.of("cases", promotion.promote(name, dataset, request)));
  }
}
