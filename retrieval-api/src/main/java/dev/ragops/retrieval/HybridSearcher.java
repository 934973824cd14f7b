package dev.ragops.retrieval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.Embedder;
import dev.ragops.model.KeywordIndex;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.VectorStore;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers searches in three modes: {@code keyword} (Lucene BM25), {@code vector} (nearest
 * neighbours of the embedded query) and {@code hybrid}, which runs both legs in parallel, each
 * returning {@code ragops.search.candidates} chunks, and fuses them with reciprocal rank fusion.
 */
@Singleton
public final class HybridSearcher {

  private final CollectionCatalog catalog;
  private final KeywordIndex keyword;
  private final VectorStore vectors;
  private final Embedder embedder;
  private final int candidates;
  private final ExecutorService legs = Executors.newVirtualThreadPerTaskExecutor();

  HybridSearcher(
      CollectionCatalog catalog,
      KeywordIndex keyword,
      VectorStore vectors,
      Embedder embedder,
      @Value("${ragops.search.candidates:50}") int candidates) {
    if (candidates < 1) {
      throw new IllegalArgumentException("ragops.search.candidates must be at least 1");
    }
    this.catalog = catalog;
    this.keyword = keyword;
    this.vectors = vectors;
    this.embedder = embedder;
    this.candidates = candidates;
  }

  SearchResponse search(String collection, SearchRequest request) {
    long started = System.nanoTime();
    catalog.require(collection);
    int k = request.kOrDefault();
    List<FusedHit> hits =
        switch (request.modeOrDefault()) {
          case "keyword" -> fuse(keywordLeg(collection, request.query(), k), List.of(), request);
          case "vector" -> fuse(List.of(), vectorLeg(collection, request.query(), k), request);
          default -> hybrid(collection, request, Math.max(k, candidates));
        };
    var results = hits.stream().limit(k).map(hit -> toHit(hit, request.modeOrDefault())).toList();
    return new SearchResponse(results, (System.nanoTime() - started) / 1_000_000);
  }

  private List<FusedHit> hybrid(String collection, SearchRequest request, int perLeg) {
    var keywordHits =
        CompletableFuture.supplyAsync(() -> keywordLeg(collection, request.query(), perLeg), legs);
    var vectorHits =
        CompletableFuture.supplyAsync(() -> vectorLeg(collection, request.query(), perLeg), legs);
    try {
      return fuse(keywordHits.join(), vectorHits.join(), request);
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private List<FusedHit> fuse(
      List<ScoredChunk> keywordHits, List<ScoredChunk> vectorHits, SearchRequest request) {
    return new ReciprocalRankFusion(request.rrfKOrDefault()).fuse(keywordHits, vectorHits);
  }

  private List<ScoredChunk> keywordLeg(String collection, String query, int k) {
    return keyword.search(collection, query, k);
  }

  private List<ScoredChunk> vectorLeg(String collection, String query, int k) {
    return vectors.nearest(collection, embedder.embedQuery(query), k);
  }

  private static SearchResponse.Hit toHit(FusedHit hit, String mode) {
    var chunk = hit.chunk();
    double score =
        switch (mode) {
          case "keyword" -> hit.keywordScore();
          case "vector" -> hit.vectorScore();
          default -> hit.fused();
        };
    return new SearchResponse.Hit(
        chunk.id(),
        chunk.documentId(),
        chunk.sourceId(),
        chunk.title(),
        chunk.ordinal(),
        chunk.text(),
        score,
        new SearchResponse.Scores(
            hit.keywordScore(),
            hit.keywordRank(),
            hit.vectorScore(),
            hit.vectorRank(),
            mode.equals("hybrid") ? hit.fused() : null),
        chunk.metadata());
  }

  @PreDestroy
  void close() {
    legs.close();
  }
}
