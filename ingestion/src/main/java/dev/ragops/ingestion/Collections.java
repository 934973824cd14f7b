package dev.ragops.ingestion;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.ConflictException;
import dev.ragops.model.GenerationStore;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.TextAnalysis;
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
  private final GenerationStore store;
  private final Chunkers chunkers;
  private final JsonMapper json;
  private final GenerationTable generationTable;
  // a generation's settings never change, so neither does its model
  private final java.util.Map<String, String> models =
      new java.util.concurrent.ConcurrentHashMap<>();

  Collections(
      CollectionRepository collections,
      DocumentRepository documents,
      ChunkWriter chunks,
      GenerationStore store,
      Chunkers chunkers,
      JsonMapper json,
      GenerationTable generationTable) {
    this.store = store;
    this.generationTable = generationTable;
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
    return create(name, chunker, null, null);
  }

  /**
   * Creates a collection as {@link #create(String, ChunkerSettings)} does, whose keyword leg
   * analyzes text as {@code analyzer} says (null: English) and whose ingest content scan does what
   * {@code scanning} says ({@link ScanMode}; null: off).
   *
   * @throws IllegalArgumentException for an unknown analyzer or scan mode
   */
  CollectionRow create(
      String name,
      @Nullable ChunkerSettings chunker,
      @Nullable String analyzer,
      @Nullable String scanning) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-64 characters of a-z, 0-9, '_' or '-', starting with a letter or digit; got '"
              + name
              + "'");
    }
    var filled = chunker == null ? chunkers.defaults() : chunker.orElse(chunkers.defaults());
    chunkers.forSettings(filled); // validates the combination
    TextAnalysis analysis = TextAnalysis.of(analyzer);
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
            write(new CollectionSettings(filled, null, analysis.id(), scanMode.label())),
            null,
            0L));
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
    return chunkerSettings(collection.settings());
  }

  /** The chunker settings of a {@link CollectionSettings} JSON text, with every field filled. */
  ChunkerSettings chunkerSettings(String settingsJson) {
    var chunker = read(settingsJson).chunker();
    return chunker == null ? chunkers.defaults() : chunker.orElse(chunkers.defaults());
  }

  /** What the collection's ingest content scan does; {@code off} unless set at creation. */
  ScanMode scanMode(CollectionRow collection) {
    return ScanMode.of(read(collection.settings()).scanning());
  }

  /** A {@link CollectionSettings} JSON text, read. */
  CollectionSettings read(String settingsJson) {
    try {
      var settings = json.readValue(settingsJson, CollectionSettings.class);
      return settings == null ? new CollectionSettings(null) : settings;
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
        analysis(collection).id(),
        scanMode(collection).label());
  }

  /** The analysis of the collection's keyword leg; English when its settings name none. */
  TextAnalysis analysis(CollectionRow collection) {
    try {
      var settings = json.readValue(collection.settings(), CollectionSettings.class);
      return TextAnalysis.of(settings == null ? null : settings.analyzer());
    } catch (IOException e) {
      throw new UncheckedIOException("collection settings are not valid JSON", e);
    }
  }

  void delete(String name) {
    var collection = get(name);
    chunks.deleteCollection(name);
    collections.delete(collection);
  }

  /**
   * The active generation, or the previous one while this node's index has not yet applied the
   * active one's last change: a search never reads a generation this node holds only in part.
   */
  @Override
  public OptionalInt activeGeneration(String collection) {
    return collections
        .findByName(collection)
        .map(row ->
            row.previousGeneration() != null && !store.applied(row.activeReadySeq())
                ? OptionalInt.of(row.previousGeneration())
                : OptionalInt.of(row.activeGeneration()))
        .orElse(OptionalInt.empty());
  }

  @Override
  public String embeddingModel(String collection, int generation) {
    var row = collections.findByName(collection).orElse(null);
    if (row == null) {
      return null;
    }
    return models
        .computeIfAbsent(
            row.id() + "/" + generation,
            key -> {
              String settings =
                  generation == row.activeGeneration()
                      ? row.settings()
                      : generationTable
                          .find(row.id(), generation)
                          .map(GenerationRow::settings)
                          .orElse(row.settings());
              var embedding = read(settings).embedding();
              return embedding == null || embedding.model() == null ? "" : embedding.model();
            })
        .transform(model -> model.isEmpty() ? null : model);
  }

  String write(CollectionSettings settings) {
    try {
      return json.writeValueAsString(settings);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
