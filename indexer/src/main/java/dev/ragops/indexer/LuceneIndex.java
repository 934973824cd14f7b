package dev.ragops.indexer;

import dev.ragops.model.IndexedChunk;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Function;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.SearcherManager;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.AlreadyClosedException;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.IOUtils;

/**
 * One Lucene index directory holding the node's chunks: BM25 over title and text always, and an
 * HNSW graph of the chunk vectors when opened with vectors on. Writes become visible to searches as
 * soon as each write method returns (near-real-time), and durable at {@link #commit} and {@link
 * #close}. Safe for concurrent searches and writes.
 *
 * <p>Lucene I/O failures surface as {@link UncheckedIOException}.
 */
public final class LuceneIndex implements AutoCloseable {

  /**
   * Documents buffered in memory before a segment is written (Lucene's default is 16 MB): a bulk
   * rebuild writes several times fewer segments, so fewer HNSW graphs are merged while it runs and
   * fewer are searched after it (bench/RESULTS.md, "Vector and keyword legs").
   */
  private static final double RAM_BUFFER_MB = 128;

  private final Path path;

  /** The open directory, writer and searchers; replaced by {@link #restoreDirectory()}. */
  private record Open(Directory directory, IndexWriter writer, SearcherManager searchers) {}

  private volatile Open open;

  /**
   * After {@link #restoreDirectory()}: the searchers over the index as it was, serving searches
   * until the refilled index is committed; null otherwise.
   */
  private volatile SearcherManager previous;

  private final Analyzer analyzer;
  private final Function<String, TextAnalysis> analysisOf;

  /** Candidates each vector search explores (the HNSW beam at query time). */
  private volatile int efSearch = 100;

  /** The vectors accepted; null when this index holds none. */
  private final VectorSchema vectors;

  /**
   * Opens (creating if needed) the index at {@code path}.
   *
   * @param storesVectors whether chunk vectors are indexed and {@link #nearest} is available
   * @param dimension the vector dimension; ignored when {@code storesVectors} is false
   * @throws IllegalArgumentException if vectors are on and {@code dimension} is not in 1..1024
   * @throws IllegalStateException if vectors are on and the existing index holds chunks without
   *     vectors, or with vectors of another dimension or similarity (rebuild it)
   * @throws UncheckedIOException if the index cannot be opened
   */
  public LuceneIndex(Path path, boolean storesVectors, int dimension) {
    this(path, storesVectors, dimension, collection -> TextAnalysis.ENGLISH);
  }

  /**
   * Like {@link #LuceneIndex(Path, boolean, int)}, with each collection's title and text analyzed
   * as {@code analysisOf} says (at indexing and at query time alike).
   */
  public LuceneIndex(
      Path path, boolean storesVectors, int dimension, Function<String, TextAnalysis> analysisOf) {
    this.path = path;
    this.vectors = storesVectors ? new VectorSchema(dimension) : null;
    this.analysisOf = analysisOf;
    this.analyzer = TextFields.analyzer();
    this.open = openAt(path);
  }

  private Open openAt(Path path) {
    Directory openedDirectory = null;
    IndexWriter openedWriter = null;
    SearcherManager openedSearchers = null;
    try {
      openedDirectory = FSDirectory.open(path);
      openedWriter =
          new IndexWriter(
              openedDirectory,
              new IndexWriterConfig(analyzer)
                  .setCommitOnClose(true)
                  .setRAMBufferSizeMB(RAM_BUFFER_MB));
      openedSearchers = new SearcherManager(openedWriter, null);
      if (vectors != null) {
        checkIndex(openedSearchers);
      }
    } catch (IOException | RuntimeException e) {
      // rollback, not close: closing commits, which fails on a broken index and keeps the lock
      IOUtils.closeWhileHandlingException(openedSearchers);
      if (openedWriter != null) {
        try {
          openedWriter.rollback();
        } catch (IOException | RuntimeException ignored) {
          // the original failure is what matters
        }
      }
      IOUtils.closeWhileHandlingException(openedDirectory);
      if (e instanceof IOException io) {
        throw new UncheckedIOException("cannot open the Lucene index at " + path, io);
      }
      throw (RuntimeException) e;
    }
    return new Open(openedDirectory, openedWriter, openedSearchers);
  }

  /**
   * Sets how many candidates a vector search explores before keeping the best {@code k} (default
   * 100): more is slower and finds the true nearest neighbours more often.
   */
  public void setEfSearch(int efSearch) {
    if (efSearch < 1 || efSearch > 10_000) {
      throw new IllegalArgumentException("efSearch must be in 1..10000, got " + efSearch);
    }
    this.efSearch = efSearch;
  }

  /** Whether chunk vectors are indexed, so that {@link #nearest} is available. */
  public boolean storesVectors() {
    return vectors != null;
  }

  /**
   * Atomically replaces every chunk of {@code documentId} with {@code chunks} (none deletes the
   * document): a concurrent search sees all old chunks or all new ones, never a mix or none.
   *
   * @throws IllegalArgumentException if a chunk belongs to another document or collection, or (with
   *     vectors on) its vector has the wrong dimension or is not unit-length
   */
  public void replaceDocument(String collection, String documentId, List<IndexedChunk> chunks) {
    List<Document> docs = new ArrayList<>(chunks.size());
    for (IndexedChunk indexed : chunks) {
      var chunk = indexed.chunk();
      if (!chunk.collection().equals(collection) || !chunk.documentId().equals(documentId)) {
        throw new IllegalArgumentException(
            "chunk "
                + chunk.id()
                + " belongs to "
                + chunk.collection()
                + "/"
                + chunk.documentId()
                + ", not "
                + collection
                + "/"
                + documentId);
      }
      if (vectors != null) {
        vectors.checkVector(indexed.vector(), "vector of chunk " + chunk.id());
      }
      docs.add(ChunkDocuments.toDocument(indexed, vectors != null, analysisOf.apply(collection)));
    }
    Term document = new Term(ChunkDocuments.DOCUMENT_ID, documentId);
    // updateDocuments with no documents leaves bytes accounted in Lucene's flush control
    write(() -> {
      if (docs.isEmpty()) {
        open.writer().deleteDocuments(document);
      } else {
        open.writer().updateDocuments(document, docs);
      }
    });
  }

  public void deleteDocument(String documentId) {
    write(() -> open.writer().deleteDocuments(new Term(ChunkDocuments.DOCUMENT_ID, documentId)));
  }

  public void deleteCollection(String collection) {
    write(() -> open.writer().deleteDocuments(collectionTerm(collection)));
  }

  public void deleteAll() {
    write(() -> open.writer().deleteDocuments(new MatchAllDocsQuery()));
  }

  /**
   * Makes every change so far durable, together with {@code userData}. Entries replace committed
   * entries with the same key; other committed entries are kept, so {@code commit(Map.of())} keeps
   * the stored sync position.
   */
  public synchronized void commit(Map<String, String> userData) {
    Map<String, String> merged = new HashMap<>();
    Iterable<Map.Entry<String, String>> live = open.writer().getLiveCommitData();
    if (live != null) {
      live.forEach(entry -> merged.put(entry.getKey(), entry.getValue()));
    }
    merged.putAll(userData);
    open.writer().setLiveCommitData(merged.entrySet());
    try {
      open.writer().commit();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot commit the Lucene index", e);
    }
  }

  /**
   * Whether the index's last commit is still on disk. False when its directory or files were
   * deleted underneath the running index (searches still read the open files); {@link
   * #restoreDirectory()} and a full replace then write a complete index again.
   */
  public boolean onDisk() {
    try {
      return Files.isDirectory(path) && DirectoryReader.indexExists(open.directory());
    } catch (IOException | UncheckedIOException e) {
      return false;
    }
  }

  /**
   * Opens the index afresh, empty, at its path (creating the directory again) after its files were
   * deleted underneath it: the old writer's lock file is gone, so it could never write again.
   * Searches keep reading the index as it was (its files stay readable while open) until the
   * caller's full replace is committed.
   */
  public synchronized void restoreDirectory() {
    var old = open;
    if (previous == null) {
      previous = old.searchers();
    } else {
      IOUtils.closeWhileHandlingException(old.searchers());
    }
    try {
      old.writer().rollback();
    } catch (IOException | RuntimeException ignored) {
      // its files are gone; nothing to keep
    }
    IOUtils.closeWhileHandlingException(old.directory());
    try {
      Files.createDirectories(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Lucene index directory " + path, e);
    }
    open = openAt(path);
  }

  /** The user data of the last commit; empty for an index never committed. */
  public Map<String, String> committedUserData() {
    try {
      if (!DirectoryReader.indexExists(open.directory())) {
        return Map.of();
      }
      return Map.copyOf(SegmentInfos.readLatestCommit(open.directory()).getUserData());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the last Lucene commit", e);
    }
  }

  /**
   * BM25 search of {@code query} over title (boosted) and text of the chunks in {@code scope}; free
   * text, no query syntax. Returns nothing when no term survives analysis (empty, punctuation, stop
   * words).
   */
  public List<ScoredChunk> keyword(SearchScope scope, String query, int k) {
    checkK(k);
    Optional<Query> parsed =
        KeywordQuery.of(
            analyzer, analysisOf.apply(scope.collection()), LuceneFilter.of(scope), query);
    if (parsed.isEmpty()) {
      return List.of();
    }
    return search(parsed.get(), k, score -> score);
  }

  /**
   * The {@code k} chunks in {@code scope} whose vectors are closest to {@code vector}, scored by
   * cosine similarity. Lucene scores {@code DOT_PRODUCT} as {@code (1 + dot) / 2} and dot equals
   * cosine for unit vectors, so the reported score is {@code 2 * luceneScore - 1}, in [-1, 1]. The
   * filter is applied during the graph search, so {@code k} results come back whenever {@code k}
   * chunks pass it.
   *
   * @throws IllegalStateException if this index was opened without vectors
   * @throws IllegalArgumentException if {@code vector} has the wrong dimension or is not
   *     unit-length
   */
  public List<ScoredChunk> nearest(SearchScope scope, float[] vector, int k) {
    if (vectors == null) {
      throw new IllegalStateException("this Lucene index was opened without vectors");
    }
    checkK(k);
    vectors.checkVector(vector, "query vector");
    // explore at least efSearch candidates, as pgvector's hnsw.ef_search does, then keep the top k
    Query query =
        new KnnFloatVectorQuery(
            ChunkDocuments.VECTOR, vector, Math.max(k, efSearch), LuceneFilter.of(scope));
    return search(query, k, score -> 2 * score - 1);
  }

  /**
   * Replaces the whole index with the documents {@code source} feeds to its sink, one call per
   * document. Searches keep seeing the previous contents until the new ones are complete, then
   * switch in one step; the result is committed with {@code userData}.
   */
  public void replaceAll(
      Consumer<Consumer<List<IndexedChunk>>> source, Map<String, String> userData) {
    replace(new MatchAllDocsQuery(), source, userData);
  }

  /**
   * Like {@link #replaceAll}, for the chunks of one collection: searches of it switch from the old
   * contents to the new in one step.
   */
  public void replaceCollection(
      String collection,
      Consumer<Consumer<List<IndexedChunk>>> source,
      Map<String, String> userData) {
    replace(collectionFilter(collection), source, userData);
  }

  private synchronized void replace(
      Query scope, Consumer<Consumer<List<IndexedChunk>>> source, Map<String, String> userData) {
    try {
      // a buffered delete, not IndexWriter.deleteAll(), whose flush accounting trips Lucene's
      // assertions when the writer is later rolled back
      open.writer().deleteDocuments(scope);
      source.accept(chunks -> {
        try {
          for (IndexedChunk indexed : chunks) {
            if (vectors != null) {
              vectors.checkVector(indexed.vector(), "vector of chunk " + indexed.chunk().id());
            }
            open.writer()
                .addDocument(
                    ChunkDocuments.toDocument(
                        indexed, vectors != null, analysisOf.apply(indexed.chunk().collection())));
          }
        } catch (IOException e) {
          throw new UncheckedIOException("cannot write to the Lucene index", e);
        }
      });
      commit(userData);
      open.searchers().maybeRefreshBlocking();
      if (previous != null) {
        // the refilled index is complete: searches move to it, the old one closes
        var old = previous;
        previous = null;
        IOUtils.closeWhileHandlingException(old);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rebuild the Lucene index", e);
    }
  }

  public long count(String collection) {
    return withSearcher(searcher -> (long) searcher.count(collectionFilter(collection)));
  }

  public boolean isEmpty() {
    return withSearcher(searcher -> searcher.getIndexReader().numDocs() == 0);
  }

  /**
   * Commits what was written since the last {@link #commit}, keeping its user data, and closes. The
   * sync position in that user data never runs ahead of what is applied, and applying a change
   * twice is harmless, so the extra changes are simply applied again after a restart.
   */
  @Override
  public synchronized void close() {
    try {
      var current = open;
      IOUtils.close(previous, current.searchers(), current.writer(), current.directory());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot close the Lucene index", e);
    }
  }

  private List<ScoredChunk> search(Query query, int k, DoubleUnaryOperator toScore) {
    return withSearcher(searcher -> {
      TopDocs top = searcher.search(query, k);
      StoredFields stored = searcher.storedFields();
      List<ScoredChunk> results = new ArrayList<>(top.scoreDocs.length);
      for (ScoreDoc hit : top.scoreDocs) {
        results.add(
            new ScoredChunk(
                ChunkDocuments.toChunk(stored.document(hit.doc)),
                toScore.applyAsDouble(hit.score)));
      }
      return results;
    });
  }

  private <T> T withSearcher(SearcherFunction<T> function) {
    try {
      SearcherManager current = previous;
      IndexSearcher searcher = null;
      if (current != null) {
        try {
          searcher = current.acquire();
        } catch (AlreadyClosedException closedMeanwhile) {
          current = null;
        }
      }
      if (searcher == null) {
        current = open.searchers();
        searcher = current.acquire();
      }
      try {
        return function.apply(searcher);
      } finally {
        current.release(searcher);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot search the Lucene index", e);
    }
  }

  /** Applies one write and makes it visible to the searches that start after it returns. */
  private synchronized void write(WriteOperation operation) {
    try {
      operation.run();
      open.searchers().maybeRefreshBlocking();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write to the Lucene index", e);
    }
  }

  private void checkIndex(SearcherManager opened) throws IOException {
    IndexSearcher searcher = opened.acquire();
    try {
      vectors.checkIndex(searcher.getIndexReader());
    } finally {
      opened.release(searcher);
    }
  }

  private static void checkK(int k) {
    if (k < 1) {
      throw new IllegalArgumentException("k must be at least 1, got " + k);
    }
  }

  private static Term collectionTerm(String collection) {
    return new Term(ChunkDocuments.COLLECTION, collection);
  }

  private static Query collectionFilter(String collection) {
    return new TermQuery(collectionTerm(collection));
  }

  /** Chunks in the whole index, of every collection and generation. */
  public long size() {
    return withSearcher(searcher -> (long) searcher.getIndexReader().numDocs());
  }

  @FunctionalInterface
  private interface SearcherFunction<T> {
    T apply(IndexSearcher searcher) throws IOException;
  }

  @FunctionalInterface
  private interface WriteOperation {
    void run() throws IOException;
  }
}
