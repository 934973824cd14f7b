package dev.ragops.eval;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Tuning of a collection's hybrid fusion on a golden set, in the background. */
@Controller("/v1/collections/{name}")
@ExecuteOn(TaskExecutors.BLOCKING)
class TuneController {

  private final Tuning tuning;

  TuneController(Tuning tuning) {
    this.tuning = tuning;
  }

  /** Queues a tuning; see {@link Tuning}. */
  @Post("/evals:tune")
  HttpResponse<TuningStore.TuningView> tune(String name, @Body Tuning.Request request) {
    return HttpResponse.accepted().body(tuning.start(name, request));
  }

  /** A tuning with its report once it succeeded. */
  @Get("/tunings/{id}")
  TuningStore.TuningView get(String name, String id) {
    return tuning.get(name, id);
  }
}
