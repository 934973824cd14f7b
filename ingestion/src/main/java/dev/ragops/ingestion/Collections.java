package dev.ragops.ingestion;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.ConflictException;
import dev.ragops.model.NotFoundException;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates, lists and deletes collections. */
@Singleton
final class Collections implements CollectionCatalog {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final CollectionRepository collections;
  private final DocumentRepository documents;
  private final ChunkWriter chunks;

  Collections(CollectionRepository collections, DocumentRepository documents, ChunkWriter chunks) {
    this.collections = collections;
    this.documents = documents;
    this.chunks = chunks;
  }

  CollectionRow create(String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-64 characters of a-z, 0-9, '_' or '-', starting with a letter or digit; got '"
              + name
              + "'");
    }
    if (collections.findByName(name).isPresent()) {
      throw new ConflictException("collection '" + name + "' already exists");
    }
    return collections.save(
        new CollectionRow(
            UUID.randomUUID(), name, 1, Instant.now().truncatedTo(ChronoUnit.MILLIS)));
  }

  List<CollectionRow> list() {
    return collections.listOrderByName();
  }

  long documentCount(CollectionRow collection) {
    return documents.countByCollectionId(collection.id());
  }

  CollectionRow get(String name) {
    return collections
        .findByName(name)
        .orElseThrow(() -> new NotFoundException("collection '" + name + "' does not exist"));
  }

  void delete(String name) {
    var collection = get(name);
    chunks.deleteCollection(name);
    collections.delete(collection);
  }

  @Override
  public OptionalInt activeGeneration(String collection) {
    return collections
        .findByName(collection)
        .map(row -> OptionalInt.of(row.activeGeneration()))
        .orElse(OptionalInt.empty());
  }
}
