package dev.ragops.indexer;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.GenerationStore;
import dev.ragops.model.IndexedChunk;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.Map;

/**
 * Makes chunks durable in the database, the source of truth, and searchable in the node's Lucene
 * index, which follows the database's change sequence ({@link LuceneSync}) and is rebuilt from it
 * when missing. A write returns once its change is applied on this node, so a client that waited
 * for its upload can search it at once; other nodes apply it within {@code ragops.sync.interval}.
 */
@Singleton
public final class Indexer implements ChunkWriter, GenerationStore {

  private final ChunkTable table;
  private final LuceneSync sync;
  private final GenerationChunks generations;
  private final CollectionAnalyses analyses;
  private volatile boolean caughtUp;

  Indexer(
      ChunkTable table,
      LuceneSync sync,
      GenerationChunks generations,
      CollectionAnalyses analyses) {
    this.table = table;
    this.sync = sync;
    this.generations = generations;
    this.analyses = analyses;
  }

  @Override
  public List<IndexedChunk> chunks(String documentId, int generation) {
    return generations.chunks(documentId, generation);
  }

  @Override
  public Map<String, StoredDocument> documents(String collection, int generation) {
    return generations.documents(collection, generation);
  }

  @Override
  public long deleteGeneration(String collection, int generation) {
    long deleted = generations.delete(collection, generation);
    sync.catchUp();
    return deleted;
  }

  @Override
  public long lastChange() {
    return table.lastSeq();
  }

  @Override
  public boolean applied(long seq) {
    return sync.applied(seq);
  }

  @Override
  public void replace(
      String collection,
      String documentId,
      int generation,
      Fingerprint fingerprint,
      List<IndexedChunk> chunks) {
    table.replace(collection, documentId, generation, fingerprint, chunks);
    sync.catchUp();
  }

  @Override
  public void refresh(String collection, String documentId) {
    table.touch(collection, documentId);
    sync.catchUp();
  }

  @Override
  public void deleteDocument(String collection, String documentId) {
    table.deleteDocument(collection, documentId);
    sync.catchUp();
  }

  @Override
  public void deleteCollection(String collection) {
    table.deleteCollection(collection);
    sync.catchUp();
    analyses.forget(collection);
  }

  /**
   * Rebuilds this node's Lucene index from the database; searches keep answering from the old index
   * until the new one is complete. Returns the number of chunks indexed.
   */
  public long rebuild() {
    return sync.rebuild();
  }

  /**
   * Rebuilds one collection in this node's Lucene index from the database, online. Returns the
   * number of chunks indexed.
   */
  public long rebuild(String collection) {
    return sync.rebuild(collection);
  }

  /**
   * Whether this node's Lucene index has caught up with the database since startup: false until the
   * startup catch-up (or the rebuild of a missing index) has finished. Readiness checks use it.
   */
  public boolean caughtUp() {
    return caughtUp;
  }

  @EventListener
  void onStartup(StartupEvent event) {
    sync.start();
    caughtUp = true;
  }
}
