package dev.ragops.indexer;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Embedder;
import dev.ragops.model.IndexedChunk;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes chunks durable in the database (the source of truth) and then searchable in the local
 * Lucene index, which is derived and rebuilt from the database whenever it is missing or empty.
 */
@Singleton
public final class Indexer implements ChunkWriter {

  private static final Logger LOG = LoggerFactory.getLogger(Indexer.class);

  private final ChunkTable table;
  private final LuceneIndex lucene;
  private final Embedder embedder;

  Indexer(ChunkTable table, LuceneIndex lucene, Embedder embedder) {
    this.table = table;
    this.lucene = lucene;
    this.embedder = embedder;
  }

  @Override
  public void replace(String collection, String documentId, List<IndexedChunk> chunks) {
    table.replace(collection, documentId, chunks, embedder.modelId());
    lucene.replaceDocument(collection, documentId, chunks);
    lucene.commit(Map.of());
  }

  @Override
  public void deleteDocument(String collection, String documentId) {
    table.replace(collection, documentId, List.of(), embedder.modelId());
    lucene.deleteDocument(documentId);
    lucene.commit(Map.of());
  }

  @Override
  public void deleteCollection(String collection) {
    lucene.deleteCollection(collection);
    lucene.commit(Map.of());
  }

  @EventListener
  void onStartup(StartupEvent event) {
    long stored = table.count();
    if (lucene.isEmpty() && stored > 0) {
      LOG.warn("Lucene index is empty but the database holds {} chunks: rebuilding it", stored);
      rebuild();
    }
  }

  /** Rebuilds the Lucene index from the database; returns the number of chunks indexed. */
  public long rebuild() {
    long started = System.nanoTime();
    AtomicLong chunks = new AtomicLong();
    lucene.deleteAll();
    table.forEachDocument(document -> {
      var first = document.get(0).chunk();
      lucene.replaceDocument(first.collection(), first.documentId(), document);
      chunks.addAndGet(document.size());
    });
    lucene.commit(Map.of());
    LOG.info(
        "Rebuilt the Lucene index from the database: {} chunks in {} ms",
        chunks.get(),
        (System.nanoTime() - started) / 1_000_000);
    return chunks.get();
  }
}
