package dev.ragops.indexer;

import dev.ragops.model.Embedder;
import dev.ragops.model.KeywordIndex;
import dev.ragops.model.VectorStore;
import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Opens the node's Lucene index under {@code ${ragops.data-dir}/lucene}. It holds BM25 always and
 * the HNSW vectors when {@code ragops.vector-store} is {@code lucene} (the embedded default). An
 * index that cannot be opened is discarded: {@link Indexer} rebuilds it from the database.
 */
@Factory
class IndexerFactory {

  private static final Logger LOG = LoggerFactory.getLogger(IndexerFactory.class);

  @Singleton
  @Bean(preDestroy = "close")
  LuceneIndex luceneIndex(
      @Value("${ragops.data-dir}") Path dataDir,
      @Value("${ragops.vector-store:lucene}") String vectorStore,
      @Value("${ragops.lucene.ef-search:100}") int efSearch,
      Embedder embedder,
      CollectionAnalyses analyses) {
    if (!vectorStore.equals("lucene") && !vectorStore.equals("pgvector")) {
      throw new IllegalArgumentException(
          "ragops.vector-store must be 'lucene' or 'pgvector', got '" + vectorStore + "'");
    }
    Path directory = dataDir.resolve("lucene");
    boolean vectors = vectorStore.equals("lucene");
    try {
      return new LuceneIndex(directory, vectors, embedder.dimension(), analyses::of);
    } catch (RuntimeException unreadable) {
      LOG.warn(
          "Lucene index at {} cannot be opened ({}): discarding it",
          directory,
          unreadable.toString());
      deleteRecursively(directory);
      return new LuceneIndex(directory, vectors, embedder.dimension(), analyses::of);
    }
  }

  @Singleton
  KeywordIndex keywordIndex(LuceneIndex index) {
    return new LuceneKeywordIndex(index);
  }

  @Singleton
  @Requires(property = "ragops.vector-store", value = "lucene", defaultValue = "lucene")
  VectorStore luceneVectorStore(LuceneIndex index) {
    return new LuceneVectorStore(index);
  }

  private static void deleteRecursively(Path directory) {
    try (Stream<Path> paths = Files.walk(directory)) {
      for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(path);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("could not discard the unreadable index at " + directory, e);
    }
  }
}
