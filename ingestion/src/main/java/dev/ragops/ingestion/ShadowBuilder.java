package dev.ragops.ingestion;

import dev.ragops.model.Chunk;
import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Embedder;
import dev.ragops.model.EmbedderCatalog;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.GenerationStore;
import dev.ragops.model.GenerationStore.StoredDocument;
import dev.ragops.model.IndexedChunk;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Writes one document into one generation with that generation's settings, running only what its
 * fingerprint says changed: chunks whose chunker and model match are copied with their vectors;
 * chunks whose chunker matches but model does not are embedded again; otherwise the stored text is
 * chunked and embedded again (unchanged chunk texts come from the embedding cache).
 */
@Singleton
final class ShadowBuilder {

  /** What writing a document took. */
  enum Outcome {
    COPIED,
    REEMBEDDED,
    RECHUNKED,
    /** No stored text to chunk with new settings: the old chunks were copied as they were. */
    MISSING_TEXT,
    /** Nothing to write: the document has no chunks and no stored text yet. */
    SKIPPED
  }

  private final Collections collections;
  private final Chunkers chunkers;
  private final DocumentTexts texts;
  private final GenerationStore store;
  private final ChunkWriter writer;
  private final Embedder embedder;
  private final EmbedderCatalog models;
  private final TikaExtractor extractor;
  private final ContentScanner scanner;
  private final int embedBatch;

  ShadowBuilder(
      Collections collections,
      Chunkers chunkers,
      DocumentTexts texts,
      GenerationStore store,
      ChunkWriter writer,
      Embedder embedder,
      @Nullable EmbedderCatalog models,
      TikaExtractor extractor,
      ContentScanner scanner,
      @Value("${ragops.ingest.embed-batch:64}") int embedBatch) {
    this.collections = collections;
    this.chunkers = chunkers;
    this.texts = texts;
    this.store = store;
    this.writer = writer;
    this.embedder = embedder;
    this.models = models;
    this.extractor = extractor;
    this.scanner = scanner;
    this.embedBatch = embedBatch;
  }

  /** The embedder a {@link CollectionSettings} JSON text names. */
  Embedder embedder(String settingsJson) {
    var embedding = collections.read(settingsJson).embedding();
    String model = embedding == null ? null : embedding.model();
    if (model == null || model.equals(embedder.modelId())) {
      return embedder;
    }
    if (models == null) {
      throw new IllegalArgumentException(
          "embedding.model '" + model + "' cannot be used: only '" + embedder.modelId() + "' is");
    }
    var other = models.forModel(model);
    if (other.dimension() != embedder.dimension()) {
      throw new IllegalArgumentException(
          "embedding.model '"
              + model
              + "' has "
              + other.dimension()
              + " dimensions; the index holds "
              + embedder.dimension());
    }
    return other;
  }

  /** The fingerprint of chunks written now with the settings in {@code settingsJson}. */
  Fingerprint fingerprint(String settingsJson) {
    var model = embedder(settingsJson);
    return new Fingerprint(
        extractor.parserVersion(),
        chunkers.forSettings(collections.chunkerSettings(settingsJson)).settingsHash(),
        model.modelId(),
        model.dimension());
  }

  /**
   * Writes {@code version} of {@code document} into generation {@code target}, built with {@code
   * settingsJson}; {@code stored} is what the generation it is built from holds of it (or null).
   */
  Outcome build(
      String collection,
      String settingsJson,
      int target,
      DocumentRow document,
      int version,
      int source,
      @Nullable StoredDocument stored) {
    var expected = fingerprint(settingsJson);
    var model = embedder(settingsJson);
    String documentId = document.id().toString();
    if (stored != null && stored.documentVersion() == version) {
      var old = stored.fingerprint();
      if (old.chunkerHash().equals(expected.chunkerHash())) {
        var chunks = store.chunks(documentId, source);
        if (old.modelId().equals(expected.modelId()) && old.dimension() == expected.dimension()) {
          write(collection, documentId, target, old, copies(chunks, target, null));
          return Outcome.COPIED;
        }
        var vectors = embed(model, chunks.stream().map(c -> c.chunk().text()).toList());
        write(
            collection,
            documentId,
            target,
            new Fingerprint(
                old.parserVersion(), old.chunkerHash(), model.modelId(), model.dimension()),
            copies(chunks, target, vectors));
        return Outcome.REEMBEDDED;
      }
    }
    var text = texts.find(document.id(), version);
    if (text.isPresent()) {
      var extracted = text.get().extracted();
      var spans =
          chunkers
              .forSettings(collections.chunkerSettings(settingsJson))
              .chunk(extracted.text(), extracted.structure());
      // flags are found again in the stored text; hidden-HTML findings need the original bytes,
      // which are not kept, so a re-chunked document loses only those
      var scanMode = ScanMode.of(collections.read(settingsJson).scanning());
      var scanned = scanner.apply(scanMode, extracted, new byte[0], spans, extracted.title());
      var vectors = embed(model, scanned.texts());
      List<IndexedChunk> chunks = new ArrayList<>(spans.size());
      for (int i = 0; i < spans.size(); i++) {
        var span = spans.get(i);
        chunks.add(
            new IndexedChunk(
                new Chunk(
                    UUID.randomUUID().toString(),
                    documentId,
                    collection,
                    document.sourceId(),
                    extracted.title(),
                    i,
                    scanned.texts().get(i),
                    span.start(),
                    span.end(),
                    Map.of(),
                    extracted.structure().headingPathAt(span.start()),
                    extracted.structure().pageAt(span.start()),
                    version,
                    target,
                    null,
                    scanned.flags().get(i)),
                vectors.get(i)));
      }
      var fingerprint =
          new Fingerprint(
              text.get().parserVersion(),
              expected.chunkerHash(),
              expected.modelId(),
              expected.dimension());
      write(collection, documentId, target, fingerprint, chunks);
      return Outcome.RECHUNKED;
    }
    if (stored != null) {
      var chunks = store.chunks(documentId, source);
      write(collection, documentId, target, stored.fingerprint(), copies(chunks, target, null));
      return Outcome.MISSING_TEXT;
    }
    return Outcome.SKIPPED;
  }

  private void write(
      String collection,
      String documentId,
      int target,
      Fingerprint fingerprint,
      List<IndexedChunk> chunks) {
    writer.replace(collection, documentId, target, fingerprint, chunks);
  }

  private List<float[]> embed(Embedder model, List<String> texts) {
    List<float[]> vectors = new ArrayList<>(texts.size());
    for (int from = 0; from < texts.size(); from += embedBatch) {
      vectors.addAll(
          model.embedDocuments(texts.subList(from, Math.min(from + embedBatch, texts.size()))));
    }
    return vectors;
  }

  /** The chunks as new rows of {@code target}, with new vectors when {@code vectors} is set. */
  private static List<IndexedChunk> copies(
      List<IndexedChunk> chunks, int target, @Nullable List<float[]> vectors) {
    List<IndexedChunk> copies = new ArrayList<>(chunks.size());
    for (int i = 0; i < chunks.size(); i++) {
      var c = chunks.get(i).chunk();
      copies.add(
          new IndexedChunk(
              new Chunk(
                  UUID.randomUUID().toString(),
                  c.documentId(),
                  c.collection(),
                  c.sourceId(),
                  c.title(),
                  c.ordinal(),
                  c.text(),
                  c.startOffset(),
                  c.endOffset(),
                  c.metadata(),
                  c.headingPath(),
                  c.page(),
                  c.documentVersion(),
                  target,
                  null,
                  c.flags()),
              vectors == null ? chunks.get(i).vector() : vectors.get(i)));
    }
    return copies;
  }
}
