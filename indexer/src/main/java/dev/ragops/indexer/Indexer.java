package dev.ragops.indexer;

import dev.ragops.model.ChunkWriter;
import dev.ragops.model.Fingerprint;
import dev.ragops.model.IndexedChunk;
import io.micronaut.context.event.StartupEvent;
import io.micronaut.runtime.event.annotation.EventListener;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Makes chunks durable in the database, the source of truth, and searchable in the node's Lucene
 * index, which follows the database's change sequence ({@link LuceneSync}) and is rebuilt from it
 * when missing. A write returns once its change is applied on this node, so a client that waited
 * for its upload can search it at once; other nodes apply it within {@code ragops.sync.interval}.
 */
@Singleton
public final class Indexer implements ChunkWriter {

  private final ChunkTable table;
  private final LuceneSync sync;
  private final CollectionAnalyses analyses;
  private volatile boolean caughtUp;

  Indexer(ChunkTable table, LuceneSync sync, CollectionAnalyses analyses) {
    this.table = table;
    this.sync = sync;
    this.analyses = analyses;
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
