package dev.ragops.eval;

import dev.ragops.model.ConflictException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Eval runs of a collection: start one, list the history, show one, compare two. */
@Controller("/v1/collections/{name}/evals")
@ExecuteOn(TaskExecutors.BLOCKING)
class EvalController {

  private final EvalRuns runs;

  EvalController(EvalRuns runs) {
    this.runs = runs;
  }

  /** Queues a run: {@code {"dataset", "generation"?, "k"?, retrieval settings…}}. */
  @Post
  HttpResponse<EvalRun> start(String name, @Nullable @Body Map<String, Object> body) {
    return HttpResponse.accepted().body(runs.start(name, body));
  }

  /** The runs, newest first. */
  @Get
  Map<String, List<EvalRun>> list(String name, @QueryValue(defaultValue = "50") int limit) {
    return Map.of("runs", runs.list(name, limit));
  }

  /** One run with each case's result. */
  @Get("/{id}")
  Map<String, Object> get(String name, String id) {
    EvalRun run = runs.get(name, id);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("id", run.id());
    body.put("dataset", run.dataset());
    body.put("status", run.status());
    body.put("trigger", run.trigger());
    body.put("generation", run.generation());
    body.put("settings", run.settings());
    body.put("metrics", run.metrics());
    body.put("createdAt", run.createdAt());
    body.put("finishedAt", run.finishedAt());
    body.put("error", run.error());
    body.put("queries", runs.queries(run.id()));
    return body;
  }

  /** Deletes an ended run (succeeded or failed) with its per-case results; 409 while it runs. */
  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name, String id) {
    runs.delete(name, id);
  }

  /** Per-metric deltas and per-case wins and losses of run {@code with} against run {@code id}. */
  @Get("/{id}/compare")
  RunComparison compare(String name, String id, @Nullable @QueryValue("with") String with) {
    if (with == null || with.isBlank()) {
      throw new IllegalArgumentException("with must name the run to compare against");
    }
    EvalRun base = runs.get(name, id);
    EvalRun other = runs.get(name, with);
    for (EvalRun run : List.of(base, other)) {
      if (!run.status().equals("succeeded")) {
        throw new ConflictException(
            "run " + run.id() + " is " + run.status() + "; only succeeded runs can be compared");
      }
    }
    return RunComparison.of(base, runs.queries(base.id()), other, runs.queries(other.id()));
  }
}
