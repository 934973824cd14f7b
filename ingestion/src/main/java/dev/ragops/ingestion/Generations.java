package dev.ragops.ingestion;

import dev.ragops.model.ConflictException;
import dev.ragops.model.Embedder;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.GenerationStore;
import dev.ragops.model.GenerationStore.StoredDocument;
import dev.ragops.model.IndexGenerations;
import dev.ragops.model.NotFoundException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The index generations of each collection: a reindex builds generation N+1 from the stored texts
 * beside the active one, which searches keep reading; promotion switches them in one UPDATE.
 *
 * <p>Documents ingested or deleted while a generation is being built are not lost: every ingest
 * writes the active generation and then mirrors the document into the other live ones (building,
 * ready, and the previous one kept for a rollback), a delete removes the document from every
 * generation, and the build ends (and a promotion begins) with a reconciliation pass that rebuilds
 * any document the new generation holds at an older version than the active one or the document
 * row.
 */
@Singleton
final class Generations implements IndexGenerations {

  private static final Logger LOG = LoggerFactory.getLogger(Generations.class);
  private static final Set<String> SETTINGS_KEYS = Set.of("chunker", "embedding");
  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final Collections collections;
  private final DocumentRepository documents;
  private final GenerationTable table;
  private final GenerationStore store;
  private final ShadowBuilder shadows;
  private final JsonMapper json;

  Generations(
      Collections collections,
      DocumentRepository documents,
      GenerationTable table,
      GenerationStore store,
      ShadowBuilder shadows,
      JsonMapper json) {
    this.collections = collections;
    this.documents = documents;
    this.table = table;
    this.store = store;
    this.shadows = shadows;
    this.json = json;
  }

  @Override
  public List<Generation> list(String collection) {
    var row = collections.get(collection);
    ensureActive(row);
    return table.list(row.id()).stream().map(g -> view(collection, g)).toList();
  }

  @Override
  public Generation get(String collection, int generation) {
    var row = collections.get(collection);
    ensureActive(row);
    return view(collection, find(row, generation));
  }

  @Override
  public Generation start(String collection, Map<String, Object> settings) {
    var row = collections.get(collection);
    ensureActive(row);
    var given = given(settings == null ? Map.of() : settings);
    var current = collections.read(row.settings());
    var chunker =
        given.chunker() == null
            ? collections.chunkerSettings(row)
            : given.chunker().orElse(collections.chunkerSettings(row));
    var embedding = given.embedding() == null ? current.embedding() : given.embedding();
    String settingsJson = collections.write(current.with(chunker, embedding));
    shadows.fingerprint(settingsJson); // validates the chunker and the model
    for (GenerationRow existing : table.list(row.id())) {
      if (existing.status().equals(GenerationRow.BUILDING)) {
        throw new ConflictException(
            "generation "
                + existing.generation()
                + " of collection '"
                + collection
                + "' is being built; wait for it or discard it");
      }
    }
    var now = Instant.now();
    var created =
        table.insert(
            new GenerationRow(
                row.id(),
                table.next(row.id()),
                GenerationRow.BUILDING,
                settingsJson,
                "{}",
                null,
                0,
                now,
                now));
    return view(collection, created);
  }

  @Override
  public Generation build(String collection, int generation) {
    var row = collections.get(collection);
    var target = find(row, generation);
    if (!target.status().equals(GenerationRow.BUILDING)) {
      throw new ConflictException(
          "generation " + generation + " is " + target.status() + ", not building");
    }
    long started = System.nanoTime();
    Map<String, Object> stats = new LinkedHashMap<>();
    try {
      for (int pass = 0; pass < 2 && stillBuilding(row, generation); pass++) {
        reconcile(row, target, stats);
      }
      if (!stillBuilding(row, generation)) {
        store.deleteGeneration(collection, generation); // discarded while it was built
        return view(collection, find(row, generation));
      }
      stats.put("millis", (System.nanoTime() - started) / 1_000_000);
      var ready =
          table.update(target.with(GenerationRow.READY, write(stats), null, store.lastChange()));
      LOG.info("Built generation {} of {}: {}", generation, collection, stats);
      return view(collection, ready);
    } catch (RuntimeException e) {
      LOG.warn("Building generation {} of {} failed: {}", generation, collection, e.toString());
      var failed =
          table.update(
              target.with(
                  GenerationRow.FAILED, write(stats), "build failed: " + e.getMessage(), 0));
      store.deleteGeneration(collection, generation);
      return view(collection, failed);
    }
  }

  @Override
  public Generation promote(String collection, int generation) {
    var row = collections.get(collection);
    ensureActive(row);
    var target = find(row, generation);
    if (!target.status().equals(GenerationRow.READY)) {
      throw new ConflictException(
          "generation " + generation + " is " + target.status() + "; only a ready one is promoted");
    }
    reconcile(row, target, new LinkedHashMap<>());
    long readySeq = store.lastChange();
    int old = row.activeGeneration();
    if (!table.switchActive(row.id(), old, generation, old, readySeq, target.settings())) {
      throw new ConflictException("the active generation of '" + collection + "' just changed");
    }
    var promoted = table.update(target.with(GenerationRow.ACTIVE, target.stats(), null, readySeq));
    for (GenerationRow other : table.list(row.id())) {
      if (other.generation() == old) {
        table.update(other.withStatus(GenerationRow.PREVIOUS, null));
      } else if (other.status().equals(GenerationRow.PREVIOUS)
          || other.status().equals(GenerationRow.ACTIVE) && other.generation() != generation) {
        table.update(other.withStatus(GenerationRow.RETIRED, "superseded by " + generation));
      }
    }
    LOG.info("Promoted generation {} of {} (previous {})", generation, collection, old);
    return view(collection, promoted);
  }

  @Override
  public void collectGarbage(String collection) {
    var row = collections.get(collection);
    for (GenerationRow other : table.list(row.id())) {
      if (other.status().equals(GenerationRow.RETIRED)) {
        store.deleteGeneration(collection, other.generation());
      }
    }
  }

  @Override
  public Generation rollback(String collection) {
    var row = collections.get(collection);
    Integer previous = row.previousGeneration();
    if (previous == null) {
      throw new ConflictException(
          "collection '" + collection + "' has no previous generation to roll back to");
    }
    var restored = find(row, previous);
    int current = row.activeGeneration();
    if (!table.switchActive(
        row.id(), current, previous, null, store.lastChange(), restored.settings())) {
      throw new ConflictException("the active generation of '" + collection + "' just changed");
    }
    var active = table.update(restored.withStatus(GenerationRow.ACTIVE, null));
    table
        .find(row.id(), current)
        .ifPresent(g -> table.update(g.withStatus(GenerationRow.DISCARDED, "rolled back")));
    store.deleteGeneration(collection, current);
    LOG.info("Rolled {} back from generation {} to {}", collection, current, previous);
    return view(collection, active);
  }

  @Override
  public Generation discard(String collection, int generation, String reason) {
    var row = collections.get(collection);
    var target = find(row, generation);
    if (generation == row.activeGeneration()) {
      throw new ConflictException("generation " + generation + " is active; promote another first");
    }
    if (row.previousGeneration() != null && row.previousGeneration() == generation) {
      table.switchActive(
          row.id(),
          row.activeGeneration(),
          row.activeGeneration(),
          null,
          row.activeReadySeq(),
          row.settings());
    }
    var discarded = table.update(target.withStatus(GenerationRow.DISCARDED, reason));
    store.deleteGeneration(collection, generation);
    return view(collection, discarded);
  }

  @Override
  public Fingerprint expectedFingerprint(String collection) {
    return shadows.fingerprint(collections.get(collection).settings());
  }

  /** The embedder the collection's current settings name. */
  Embedder embedder(CollectionRow collection) {
    return shadows.embedder(collection.settings());
  }

  /**
   * Writes a document just stored in generation {@code written} (with {@code fingerprint}) into the
   * collection's other live generations. A failure is logged: the build's reconciliation and the
   * promotion's retry it.
   */
  void mirror(
      CollectionRow collection, UUID documentId, int written, Fingerprint fingerprint, int chunks) {
    for (GenerationRow other : table.list(collection.id())) {
      if (other.generation() == written || !GenerationRow.LIVE.contains(other.status())) {
        continue;
      }
      var document = documents.findById(documentId).orElse(null);
      if (document == null) {
        return;
      }
      try {
        shadows.build(
            collection.name(),
            other.settings(),
            other.generation(),
            document,
            document.version(),
            written,
            new StoredDocument(documentId.toString(), document.version(), fingerprint, chunks));
      } catch (RuntimeException e) {
        LOG.warn(
            "Could not mirror document {} into generation {} of {}: {}",
            documentId,
            other.generation(),
            collection.name(),
            e.toString());
      }
    }
  }

  /**
   * Writes every document that {@code target} lacks, or holds at an older version than the active
   * generation or the document row, counting what each took into {@code stats}.
   */
  private void reconcile(CollectionRow row, GenerationRow target, Map<String, Object> stats) {
    int source = row.activeGeneration();
    var sourceDocuments = store.documents(row.name(), source);
    var targetDocuments = store.documents(row.name(), target.generation());
    int seen = 0;
    for (DocumentRow document : documents.findByCollectionIdOrderBySourceId(row.id())) {
      if (++seen % 50 == 0 && !stillBuilding(row, target.generation())) {
        return;
      }
      var stored = sourceDocuments.get(document.id().toString());
      int version =
          document.status().equals(DocumentStatus.READY) || stored == null
              ? document.version()
              : stored.documentVersion();
      var built = targetDocuments.get(document.id().toString());
      if (built != null && built.documentVersion() >= version) {
        continue;
      }
      var outcome =
          shadows.build(
              row.name(),
              target.settings(),
              target.generation(),
              document,
              version,
              source,
              stored);
      stats.merge("documents", 1, (a, b) -> (Integer) a + (Integer) b);
      stats.merge(
          outcome.name().toLowerCase(java.util.Locale.ROOT),
          1,
          (a, b) -> (Integer) a + (Integer) b);
    }
  }

  private boolean stillBuilding(CollectionRow row, int generation) {
    var status = find(row, generation).status();
    return status.equals(GenerationRow.BUILDING) || status.equals(GenerationRow.READY);
  }

  private void ensureActive(CollectionRow row) {
    if (table.find(row.id(), row.activeGeneration()).isEmpty()) {
      table.insert(
          new GenerationRow(
              row.id(),
              row.activeGeneration(),
              GenerationRow.ACTIVE,
              row.settings(),
              "{}",
              null,
              row.activeReadySeq(),
              row.createdAt(),
              Instant.now()));
    }
  }

  private GenerationRow find(CollectionRow row, int generation) {
    return table
        .find(row.id(), generation)
        .orElseThrow(() ->
            new NotFoundException(
                "generation " + generation + " of collection '" + row.name() + "' does not exist"));
  }

  private CollectionSettings given(Map<String, Object> settings) {
    for (String key : settings.keySet()) {
      if (!SETTINGS_KEYS.contains(key)) {
        throw new IllegalArgumentException(
            "settings." + key + " is not a setting; known: " + SETTINGS_KEYS);
      }
    }
    try {
      return json.readValue(json.writeValueAsString(settings), CollectionSettings.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("settings are malformed: " + e.getMessage());
    }
  }

  private Generation view(String collection, GenerationRow row) {
    return new Generation(
        collection,
        row.generation(),
        row.status(),
        read(row.settings()),
        read(row.stats()),
        row.reason(),
        row.createdAt(),
        row.updatedAt());
  }

  private Map<String, Object> read(String text) {
    try {
      var map = json.readValue(text, JSON_OBJECT);
      return map == null ? Map.of() : map;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private String write(Map<String, Object> map) {
    try {
      return json.writeValueAsString(map);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
