package dev.ragops.retrieval;

import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import jakarta.validation.Valid;

@Controller("/v1/collections/{name}/search")
class SearchController {

  private final HybridSearcher searcher;

  SearchController(HybridSearcher searcher) {
    this.searcher = searcher;
  }

  @Post
  SearchResponse search(String name, @Valid @Body SearchRequest request) {
    return searcher.search(name, request);
  }
}
