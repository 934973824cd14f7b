package dev.ragops.retrieval;

import dev.ragops.model.CollectionCatalog;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.util.List;
import java.util.Map;

@Controller("/v1/collections/{name}")
class SearchController {

  private final HybridSearcher searcher;
  private final QueryLog queryLog;
  private final CollectionCatalog catalog;

  SearchController(HybridSearcher searcher, QueryLog queryLog, CollectionCatalog catalog) {
    this.searcher = searcher;
    this.queryLog = queryLog;
    this.catalog = catalog;
  }

  @Post("/search")
  SearchResponse search(String name, @Valid @Body SearchRequest request) {
    return searcher.search(name, request);
  }

  /** The most recent logged searches of the collection, newest first. */
  @Get("/queries")
  Map<String, List<QueryLog.Entry>> queries(
      String name, @QueryValue(defaultValue = "50") @Min(1) @Max(1000) int limit) {
    catalog.requireActiveGeneration(name);
    return Map.of("queries", queryLog.recent(name, limit));
  }
}
