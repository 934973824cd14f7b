package dev.ragops.retrieval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.Embedder;
import dev.ragops.model.FilterSyntax;
import dev.ragops.model.KeywordIndex;
import dev.ragops.model.Reranker;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.Tokenizer;
import dev.ragops.model.UsageEvent;
import dev.ragops.model.UsageLedger;
import dev.ragops.model.VectorStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Answers searches in three modes: {@code keyword} (Lucene BM25), {@code vector} (nearest
 * neighbours of the embedded query) and {@code hybrid}, which runs both legs in parallel, each
 * returning the configured number of candidates, and fuses them (reciprocal rank fusion or weighted
 * score fusion). An optional rerank stage (MMR) reorders the fused candidates. Searches read only
 * the collection's active generation, filtered by metadata.
 */
@Singleton
public final class HybridSearcher {

  private final CollectionCatalog catalog;
  private final KeywordIndex keyword;
  private final VectorStore vectors;
  private final Embedder embedder;
  private final QueryLog queryLog;
  private final Reranker reranker;
  private final SearchStages stages;
  private final Tokenizer tokenizer;
  private final UsageLedger usage;
  private final int defaultCandidates;
  private final ExecutorService legs = Executors.newVirtualThreadPerTaskExecutor();

  HybridSearcher(
      CollectionCatalog catalog,
      KeywordIndex keyword,
      VectorStore vectors,
      Embedder embedder,
      QueryLog queryLog,
      @Nullable Reranker reranker,
      MeterRegistry meters,
      Tokenizer tokenizer,
      UsageLedger usage,
      @Value("${ragops.search.candidates:50}") int defaultCandidates) {
    if (defaultCandidates < 1) {
      throw new IllegalArgumentException("ragops.search.candidates must be at least 1");
    }
    this.catalog = catalog;
    this.keyword = keyword;
    this.vectors = vectors;
    this.embedder = embedder;
    this.queryLog = queryLog;
    this.reranker = reranker;
    this.stages = new SearchStages(meters);
    this.tokenizer = tokenizer;
    this.usage = usage;
    this.defaultCandidates = defaultCandidates;
  }

  SearchResponse search(String collection, SearchRequest request) {
    long started = System.nanoTime();
    var scope =
        new SearchScope(
            collection,
            catalog.requireActiveGeneration(collection),
            FilterSyntax.parse(request.filter()));
    Fusion fusion = request.fusionOrDefault();
    int wanted = request.offsetOrDefault() + request.kOrDefault();
    int perLeg =
        Math.max(wanted, request.candidates() == null ? defaultCandidates : request.candidates());
    String mode = request.modeOrDefault();
    List<FusedHit> hits =
        switch (mode) {
          case "keyword" -> Fusion.single(keywordLeg(scope, request.query(), wanted), true);
          case "vector" -> Fusion.single(vectorLeg(scope, request.query(), wanted), false);
          default -> hybrid(scope, request.query(), perLeg, fusion);
        };
    if (request.rerank() != null) {
      List<FusedHit> fused = hits;
      hits = stages.rerank.record(() -> rerank(request, fused, wanted));
    }
    var highlighter = new Highlighter(request.query());
    var page =
        hits.stream()
            .filter(hit -> request.minScore() == null || hit.finalScore() >= request.minScore())
            .skip(request.offsetOrDefault())
            .limit(request.kOrDefault())
            .map(hit -> toHit(hit, mode, highlighter))
            .toList();
    long tookMs = (System.nanoTime() - started) / 1_000_000;
    String queryId = UUID.randomUUID().toString();
    queryLog.log(
        collection,
        new QueryLog.Entry(
            queryId,
            request.query(),
            parameters(request, mode),
            page.stream().map(SearchResponse.Hit::chunkId).toList(),
            page.stream().map(SearchResponse.Hit::documentId).toList(),
            tookMs,
            OffsetDateTime.now()));
    usage.record(
        UsageEvent.search(collection, embedder.modelId(), tokenizer.count(request.query())));
    return new SearchResponse(queryId, page, tookMs);
  }

  private List<FusedHit> rerank(SearchRequest request, List<FusedHit> hits, int wanted) {
    var rerank = request.rerank();
    if (rerank.type().equals("mmr")) {
      return new MaximalMarginalRelevance(embedder).rerank(hits, rerank.lambdaOrDefault(), wanted);
    }
    if (reranker == null) {
      throw new IllegalArgumentException(
          "rerank.type model needs a reranking model: set ragops.rerank.cross-encoder.model"
              + " (with .tokenizer) or ragops.rerank.bi-encoder.model");
    }
    return new ModelRerank(reranker).rerank(request.query(), hits, rerank.topNOrDefault());
  }

  private List<FusedHit> hybrid(SearchScope scope, String query, int perLeg, Fusion fusion) {
    var keywordHits = CompletableFuture.supplyAsync(() -> keywordLeg(scope, query, perLeg), legs);
    var vectorHits = CompletableFuture.supplyAsync(() -> vectorLeg(scope, query, perLeg), legs);
    try {
      var keywordList = keywordHits.join();
      var vectorList = vectorHits.join();
      return stages.fuse.record(() -> fusion.fuse(keywordList, vectorList));
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private List<ScoredChunk> keywordLeg(SearchScope scope, String query, int k) {
    return stages.keyword.record(() -> keyword.search(scope, query, k));
  }

  private List<ScoredChunk> vectorLeg(SearchScope scope, String query, int k) {
    float[] vector = stages.embedQuery.record(() -> embedder.embedQuery(query));
    return stages.vector.record(() -> vectors.nearest(scope, vector, k));
  }

  private static Map<String, Object> parameters(SearchRequest request, String mode) {
    Map<String, Object> parameters = new LinkedHashMap<>();
    parameters.put("mode", mode);
    parameters.put("k", request.kOrDefault());
    parameters.put("offset", request.offsetOrDefault());
    if (request.fusion() != null) {
      parameters.put("fusion", request.fusion());
    }
    if (request.filter() != null) {
      parameters.put("filter", request.filter());
    }
    if (request.rerank() != null) {
      parameters.put("rerank", request.rerank().type());
    }
    return parameters;
  }

  private static SearchResponse.Hit toHit(FusedHit hit, String mode, Highlighter highlighter) {
    var chunk = hit.chunk();
    Object modified = chunk.metadata().get("modified");
    return new SearchResponse.Hit(
        chunk.id(),
        chunk.documentId(),
        chunk.sourceId(),
        chunk.title(),
        chunk.ordinal(),
        chunk.text(),
        hit.finalScore(),
        new SearchResponse.Scores(
            hit.keywordScore(),
            hit.keywordRank(),
            hit.vectorScore(),
            hit.vectorRank(),
            mode.equals("hybrid") ? hit.fused() : null,
            hit.rerankScore()),
        highlighter.snippets(chunk.text()),
        chunk.headingPath(),
        chunk.page(),
        new SearchResponse.Freshness(
            chunk.indexedAt(),
            chunk.documentVersion(),
            chunk.generation(),
            modified == null ? null : modified.toString(),
            false),
        chunk.metadata(),
        chunk.flags());
  }

  @PreDestroy
  void close() {
    legs.close();
  }
}
