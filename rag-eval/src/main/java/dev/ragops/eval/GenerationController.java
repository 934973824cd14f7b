package dev.ragops.eval;

import dev.ragops.model.IndexGenerations;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Patch;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/**
 * Index generations of a collection: list them, start a reindex into a shadow generation (with
 * changed settings, judged by the quality gate), promote one by hand, roll back. Changing a
 * collection's chunker or embedding model ({@code PATCH}) is a reindex too: no re-upload.
 */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/v1/collections/{name}")
class GenerationController {

  private final IndexGenerations generations;
  private final Reindexer reindexer;
  private final double defaultMaxDrop;

  GenerationController(
      IndexGenerations generations,
      Reindexer reindexer,
      @Value("${ragops.freshness.default-max-drop:0.02}") double defaultMaxDrop) {
    this.generations = generations;
    this.reindexer = reindexer;
    this.defaultMaxDrop = defaultMaxDrop;
  }

  @Get("/generations")
  Map<String, List<GenerationView>> list(String name) {
    return Map.of("generations", generations.list(name).stream().map(GenerationView::of).toList());
  }

  @Get("/generations/{generation}")
  GenerationView get(String name, int generation) {
    return GenerationView.of(generations.get(name, generation));
  }

  /** Starts building a shadow generation; 202 with it, status {@code building}. */
  @Post(uri = "/generations", consumes = MediaType.APPLICATION_JSON)
  HttpResponse<GenerationView> reindex(String name, @Body ReindexRequest request) {
    var plan = request.plan("reindex requested", defaultMaxDrop);
    return HttpResponse.status(HttpStatus.ACCEPTED)
        .body(GenerationView.of(reindexer.startInBackground(name, plan)));
  }

  /** Changes the collection's chunker or embedding model through a shadow generation. */
  @Patch(consumes = MediaType.APPLICATION_JSON)
  HttpResponse<GenerationView> changeSettings(String name, @Body ReindexRequest request) {
    if (request.chunker() == null && request.embedding() == null && request.settings() == null) {
      throw new IllegalArgumentException("send chunker or embedding (the settings to change)");
    }
    var plan = request.plan("settings changed", defaultMaxDrop);
    return HttpResponse.status(HttpStatus.ACCEPTED)
        .body(GenerationView.of(reindexer.startInBackground(name, plan)));
  }

  /** Discards a generation that is not active (e.g. a build to abandon); its chunks are deleted. */
  @Delete("/generations/{generation}")
  GenerationView discard(String name, int generation) {
    return GenerationView.of(reindexer.discard(name, generation));
  }

  @Post("/generations/{generation}:promote")
  GenerationView promote(String name, int generation) {
    return GenerationView.of(reindexer.promote(name, generation, "promoted by hand"));
  }

  /** Rolls the active generation {@code generation} back to the previous one, in one step. */
  @Post("/generations/{generation}:rollback")
  GenerationView rollback(String name, int generation) {
    return GenerationView.of(reindexer.rollback(name, generation));
  }
}
