package dev.ragops.ingestion;

import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import jakarta.validation.Valid;
import java.util.List;
import java.util.Map;

@Controller("/v1/collections")
class CollectionController {

  private final Collections collections;

  CollectionController(Collections collections) {
    this.collections = collections;
  }

  @Post
  HttpResponse<CollectionView> create(@Valid @Body CollectionRequest request) {
    var created = collections.create(request.name());
    return HttpResponse.created(new CollectionView(created.name(), 0, created.createdAt()));
  }

  @Get
  Map<String, List<CollectionView>> list() {
    return Map.of(
        "collections",
        collections.list().stream()
            .map(c -> new CollectionView(c.name(), collections.documentCount(c), c.createdAt()))
            .toList());
  }

  @Get("/{name}")
  CollectionView get(String name) {
    var collection = collections.get(name);
    return new CollectionView(
        collection.name(), collections.documentCount(collection), collection.createdAt());
  }

  @Delete("/{name}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name) {
    collections.delete(name);
  }
}
