package dev.ragops.eval;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.Map;

@Controller("/v1/faithfulness")
@ExecuteOn(TaskExecutors.BLOCKING)
class FaithfulnessController {

  private final Judges judges;

  FaithfulnessController(Judges judges) {
    this.judges = judges;
  }

  /** Judges one answer, synchronously. */
  @Post
  FaithfulnessResponse judge(@Body FaithfulnessRequest request) {
    FaithfulnessJudge judge = judges.get(request.judge());
    return FaithfulnessResponse.of(
        judge.judge(
            request.question() == null ? "" : request.question(),
            request.answer(),
            request.contexts()));
  }

  /** What the llm judge has used since start; empty when it is not configured. */
  @Get("/usage")
  Map<String, Object> usage() {
    return judges
        .llm()
        .<Map<String, Object>>map(llm -> Map.of("llm", llm.usage()))
        .orElse(Map.of());
  }
}
