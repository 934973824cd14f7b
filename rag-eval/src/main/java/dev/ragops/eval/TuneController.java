package dev.ragops.eval;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;

/** Tuning of a collection's hybrid fusion on a golden set. */
@Controller("/v1/collections/{name}")
@ExecuteOn(TaskExecutors.BLOCKING)
class TuneController {

  private final Tuning tuning;

  TuneController(Tuning tuning) {
    this.tuning = tuning;
  }

  /** Tunes synchronously and answers the report; see {@link Tuning}. */
  @Post("/evals:tune")
  Tuning.Report tune(String name, @Body Tuning.Request request) {
    return tuning.tune(name, request);
  }
}
