package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.List;
import java.util.Map;

/** The freshness timeline of a collection, newest first. */
@ExecuteOn(TaskExecutors.BLOCKING)
@Controller("/v1/collections/{name}/timeline")
class TimelineController {

  private final FreshnessEvents events;
  private final dev.ragops.model.CollectionCatalog catalog;

  TimelineController(FreshnessEvents events, dev.ragops.model.CollectionCatalog catalog) {
    this.events = events;
    this.catalog = catalog;
  }

  /** {@code ?limit=} events (1..1000, default 100). */
  @Get
  Map<String, List<FreshnessEvents.Event>> timeline(
      String name, @Nullable @QueryValue Integer limit) {
    int n = limit == null ? 100 : limit;
    if (n < 1 || n > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, got " + n);
    }
    catalog.requireActiveGeneration(name);
    return Map.of("events", events.newest(name, n));
  }
}
