package dev.ragops.ingestion;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.ConflictException;
import dev.ragops.model.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.regex.Pattern;

/** Creates, lists and deletes collections, and knows each one's chunker. */
@Singleton
final class Collections implements CollectionCatalog {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9_-]{0,63}");

  private final CollectionRepository collections;
  private final DocumentRepository documents;
  private final ChunkWriter chunks;
  private final Chunkers chunkers;
  private final JsonMapper json;

  Collections(
      CollectionRepository collections,
      DocumentRepository documents,
      ChunkWriter chunks,
      Chunkers chunkers,
      JsonMapper json) {
    this.collections = collections;
    this.documents = documents;
    this.chunks = chunks;
    this.chunkers = chunkers;
    this.json = json;
  }

  /**
   * Creates a collection whose documents are chunked as {@code chunker} says; its settings are
   * stored with the defaults filled in, so a later change of the defaults does not change it.
   */
  CollectionRow create(String name, @Nullable ChunkerSettings chunker) {
    return create(name, chunker, null);
  }

  /** Like {@link #create(String, ChunkerSettings)}, with a content scan mode ({@link ScanMode}). */
  CollectionRow create(String name, @Nullable ChunkerSettings chunker, @Nullable String scanning) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-64 characters of a-z, 0-9, '_' or '-', starting with a letter or digit; got '"
              + name
              + "'");
    }
    var filled = chunker == null ? chunkers.defaults() : chunker.orElse(chunkers.defaults());
    chunkers.forSettings(filled); // validates the combination
    var scanMode = ScanMode.of(scanning);
    if (collections.findByName(name).isPresent()) {
      throw new ConflictException("collection '" + name + "' already exists");
    }
    return collections.save(
        new CollectionRow(
            UUID.randomUUID(),
            name,
            1,
            Instant.now().truncatedTo(ChronoUnit.MILLIS),
            write(new CollectionSettings(filled, scanMode.label()))));
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

  /** The collection's chunker settings, with every field filled. */
  ChunkerSettings chunkerSettings(CollectionRow collection) {
    var settings = settings(collection);
    var chunker = settings == null ? null : settings.chunker();
    return chunker == null ? chunkers.defaults() : chunker.orElse(chunkers.defaults());
  }

  /** What the collection's ingest content scan does; {@code off} unless set at creation. */
  ScanMode scanMode(CollectionRow collection) {
    var settings = settings(collection);
    return ScanMode.of(settings == null ? null : settings.scanning());
  }

  private CollectionSettings settings(CollectionRow collection) {
    try {
      return json.readValue(collection.settings(), CollectionSettings.class);
    } catch (IOException e) {
      throw new UncheckedIOException("collection settings are not valid JSON", e);
    }
  }

  Chunker chunker(CollectionRow collection) {
    return chunkers.forSettings(chunkerSettings(collection));
  }

  CollectionView view(CollectionRow collection) {
    return new CollectionView(
        collection.name(),
        documentCount(collection),
        collection.createdAt(),
        chunkerSettings(collection),
        scanMode(collection).label());
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

  private String write(CollectionSettings settings) {
    try {
      return json.writeValueAsString(settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
