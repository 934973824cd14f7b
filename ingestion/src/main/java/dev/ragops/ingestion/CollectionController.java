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
  private final Documents documents;

  CollectionController(Collections collections, Documents documents) {
    this.collections = collections;
    this.documents = documents;
  }

  @Post
  HttpResponse<CollectionView> create(@Valid @Body CollectionRequest request) {
    var created =
        collections.create(
            request.name(), request.chunker(), request.analyzer(), request.scanning());
    return HttpResponse.created(collections.view(created));
  }

  @Get
  Map<String, List<CollectionView>> list() {
    return Map.of("collections", collections.list().stream().map(collections::view).toList());
  }

  @Get("/{name}")
  CollectionView get(String name) {
    return collections.view(collections.get(name));
  }

  /** Deletes the collection's documents whose metadata matches {@code filter}. */
  @Post("/{name}/documents:delete")
  Map<String, Integer> deleteDocuments(String name, @Body DeleteRequest request) {
    return Map.of("deleted", documents.deleteMatching(name, request.filter()));
  }

  @Delete("/{name}")
  @Status(HttpStatus.NO_CONTENT)
  void delete(String name) {
    collections.delete(name);
  }
}
