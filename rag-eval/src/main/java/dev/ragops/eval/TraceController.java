package dev.ragops.eval;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** Production traces of a collection: answers with their contexts, scored for faithfulness. */
@Controller("/v1/collections/{name}/traces")
@ExecuteOn(TaskExecutors.BLOCKING)
class TraceController {

  private final Traces traces;

  TraceController(Traces traces) {
    this.traces = traces;
  }

  /** Stores a trace; it is scored in the background when sampled. */
  @Post
  HttpResponse<Map<String, String>> record(String name, @Body Traces.Request request) {
    var trace = traces.record(name, request);
    return HttpResponse.accepted().body(Map.of("id", trace.id(), "status", trace.status()));
  }

  /** The newest traces first. */
  @Get
  Map<String, List<TraceView>> recent(String name, @QueryValue(defaultValue = "50") int limit) {
    return Map.of("traces", traces.recent(name, limit));
  }
}
