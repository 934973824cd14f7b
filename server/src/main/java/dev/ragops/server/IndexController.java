package dev.ragops.server;

import dev.ragops.indexer.Indexer;
import dev.ragops.model.CollectionCatalog;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.util.Map;

/** Operations on this node's derived Lucene index. */
@Controller("/v1/collections/{name}")
class IndexController {

  private final Indexer indexer;
  private final CollectionCatalog catalog;

  IndexController(Indexer indexer, CollectionCatalog catalog) {
    this.indexer = indexer;
    this.catalog = catalog;
  }

  /**
   * Rebuilds the collection's chunks in this node's Lucene index from the database. Searches keep
   * answering from the old index until the rebuilt one replaces it in one step.
   */
  @Post("/index:rebuild")
  Map<String, Object> rebuild(String name) {
    catalog.requireActiveGeneration(name);
    long started = System.nanoTime();
    long chunks = indexer.rebuild(name);
    return Map.of(
        "collection", name, "chunks", chunks, "tookMs", (System.nanoTime() - started) / 1_000_000);
  }
}
