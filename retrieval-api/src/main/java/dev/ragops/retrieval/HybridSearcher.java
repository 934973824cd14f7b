package dev.ragops.retrieval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.Embedder;
import dev.ragops.model.EmbedderCatalog;
import dev.ragops.model.FilterSyntax;
import dev.ragops.model.KeywordIndex;
import dev.ragops.model.LearnedModel;
import dev.ragops.model.Reranker;
import dev.ragops.model.RetrievalDefaults;
import dev.ragops.model.Retriever;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.StalenessView;
import dev.ragops.model.Tokenizer;
import dev.ragops.model.UsageEvent;
import dev.ragops.model.UsageLedger;
import dev.ragops.model.VectorStore;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.context.Context;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Instant;
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
 * score fusion). An optional rerank stage (MMR, a reranking model or the collection's learned
 * linear model, {@link LearnedRerank}) reorders the fused candidates. Searches read only the
 * collection's active generation, filtered by metadata.
 *
 * <p>As a {@link Retriever} it searches any generation with explicit settings and logs nothing.
 */
@Singleton
public final class HybridSearcher implements Retriever {

  private final CollectionCatalog catalog;
  private final KeywordIndex keyword;
  private final VectorStore vectors;
  private final Embedder embedder;
  private final EmbedderCatalog models;
  private final StalenessView staleness;
  private final QueryLog queryLog;
  private final Reranker reranker;
  private final SearchStages stages;
  private final RetrievalSettings settings;
  private final RetrievalDefaults collectionDefaults;
  private final Tokenizer tokenizer;
  private final UsageLedger usage;
  private final int defaultCandidates;
  // the legs run under the search's trace context, so their spans are children of its span
  private final ExecutorService legs =
      Context.taskWrapping(Executors.newVirtualThreadPerTaskExecutor());

  HybridSearcher(
      CollectionCatalog catalog,
      KeywordIndex keyword,
      VectorStore vectors,
      Embedder embedder,
      @Nullable EmbedderCatalog models,
      @Nullable StalenessView staleness,
      QueryLog queryLog,
      @Nullable Reranker reranker,
      MeterRegistry meters,
      RetrievalSettings settings,
      @Nullable RetrievalDefaults collectionDefaults,
      Tokenizer tokenizer,
      UsageLedger usage,
      @Nullable OpenTelemetry telemetry,
      @Value("${ragops.search.candidates:50}") int defaultCandidates) {
    if (defaultCandidates < 1) {
      throw new IllegalArgumentException("ragops.search.candidates must be at least 1");
    }
    this.catalog = catalog;
    this.keyword = keyword;
    this.vectors = vectors;
    this.embedder = embedder;
    this.models = models;
    this.staleness = staleness;
    this.queryLog = queryLog;
    this.reranker = reranker;
    this.stages = new SearchStages(meters, telemetry == null ? OpenTelemetry.noop() : telemetry);
    this.settings = settings;
    this.collectionDefaults = collectionDefaults;
    this.tokenizer = tokenizer;
    this.usage = usage;
    this.defaultCandidates = defaultCandidates;
  }

  SearchResponse search(String collection, SearchRequest asked) {
    return stages.total.record(span -> {
      span.setAttribute("ragops.collection", collection);
      var response = search(collection, asked, span);
      span.setAttribute("ragops.search.hits", response.results().size());
      return response;
    });
  }

  private SearchResponse search(String collection, SearchRequest asked, Span span) {
    long started = System.nanoTime();
    int generation = catalog.requireActiveGeneration(collection);
    SearchRequest request = withCollectionDefaults(collection, asked);
    String mode = request.modeOrDefault();
    span.setAttribute("ragops.search.mode", mode);
    span.setAttribute("ragops.search.k", request.kOrDefault());
    span.setAttribute("ragops.generation", generation);
    var highlighter = new Highlighter(request.query());
    var page =
        ranked(collection, generation, request).stream()
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

  @Override
  public void validate(Map<String, Object> settings) {
    this.settings.request("validation", 1, settings);
  }

  @Override
  public List<Hit> retrieve(
      String collection, int generation, String query, int k, Map<String, Object> settings) {
    if (generation < 1) {
      throw new IllegalArgumentException("generation must be at least 1, got " + generation);
    }
    if (k < 1 || k > 1000) {
      throw new IllegalArgumentException("k must be between 1 and 1000, got " + k);
    }
    if (query == null || query.isBlank()) {
      throw new IllegalArgumentException("query must not be empty");
    }
    catalog.requireActiveGeneration(collection);
    var request = this.settings.request(query, k, settings);
    var candidates = candidates(collection, generation, request);
    var terms = LearnedRerank.terms(query);
    var now = Instant.now();
    return page(candidates, request).stream()
        .map(hit ->
            new Hit(
                hit.chunk().id(),
                hit.chunk().documentId(),
                hit.chunk().sourceId() == null ? "" : hit.chunk().sourceId(),
                hit.finalScore(),
                features(LearnedRerank.features(hit, terms, candidates.size(), now))))
        .toList();
  }

  private static Map<String, Double> features(double[] x) {
    Map<String, Double> features = new LinkedHashMap<>();
    for (int i = 0; i < x.length; i++) {
      features.put(LearnedModel.FEATURES.get(i), x[i]);
    }
    return features;
  }

  /**
   * The request with the collection's tuned fusion settings, when it is a hybrid search that names
   * no fusion setting itself.
   */
  private SearchRequest withCollectionDefaults(String collection, SearchRequest request) {
    if (collectionDefaults == null
        || !request.modeOrDefault().equals("hybrid")
        || request.fusion() != null
        || request.rrfK() != null
        || request.weights() != null
        || request.normalization() != null) {
      return request;
    }
    var defaults = collectionDefaults.defaults(collection);
    return defaults.isEmpty() ? request : settings.withDefaults(request, defaults);
  }

  /** The page of {@code request} in {@code generation}, best first. */
  private List<FusedHit> ranked(String collection, int generation, SearchRequest request) {
    return page(candidates(collection, generation, request), request);
  }

  /** Every fused (and reranked) candidate of {@code request}, best first, before paging. */
  private List<FusedHit> candidates(String collection, int generation, SearchRequest request) {
    var scope = new SearchScope(collection, generation, FilterSyntax.parse(request.filter()));
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
      hits =
          stages.rerank.record(span -> {
            span.setAttribute("ragops.rerank.type", request.rerank().type());
            span.setAttribute("ragops.search.candidates", fused.size());
            return rerank(collection, request, fused, wanted);
          });
    }
    return hits;
  }

  private static List<FusedHit> page(List<FusedHit> hits, SearchRequest request) {
    return hits.stream()
        .filter(hit -> request.minScore() == null || hit.finalScore() >= request.minScore())
        .skip(request.offsetOrDefault())
        .limit(request.kOrDefault())
        .toList();
  }

  private List<FusedHit> rerank(
      String collection, SearchRequest request, List<FusedHit> hits, int wanted) {
    var rerank = request.rerank();
    if (rerank.type().equals("mmr")) {
      return new MaximalMarginalRelevance(embedder).rerank(hits, rerank.lambdaOrDefault(), wanted);
    }
    if (rerank.type().equals("learned")) {
      return new LearnedRerank(learnedModel(collection), Instant.now())
          .rerank(request.query(), hits);
    }
    if (reranker == null) {
      throw new IllegalArgumentException(
          "rerank.type model needs a reranking model: set ragops.rerank.cross-encoder.model"
              + " (with .tokenizer) or ragops.rerank.bi-encoder.model");
    }
    return new ModelRerank(reranker).rerank(request.query(), hits, rerank.topNOrDefault());
  }

  /** The collection's learned rerank model, stored among its defaults by tuning. */
  private LearnedModel learnedModel(String collection) {
    Object stored =
        collectionDefaults == null
            ? null
            : collectionDefaults.defaults(collection).get(LearnedModel.DEFAULTS_KEY);
    if (!(stored instanceof Map<?, ?> model)) {
      throw new IllegalArgumentException(
          "rerank.type learned needs a learned model, and collection '"
              + collection
              + "' has none: tune it with targets [\"learned\"] (POST"
              + " /v1/collections/{name}/evals:tune)");
    }
    return LearnedModel.fromMap(model);
  }

  private List<FusedHit> hybrid(SearchScope scope, String query, int perLeg, Fusion fusion) {
    var keywordHits = CompletableFuture.supplyAsync(() -> keywordLeg(scope, query, perLeg), legs);
    var vectorHits = CompletableFuture.supplyAsync(() -> vectorLeg(scope, query, perLeg), legs);
    try {
      var keywordList = keywordHits.join();
      var vectorList = vectorHits.join();
      return stages.fuse.record(span -> {
        var fused = fusion.fuse(keywordList, vectorList);
        span.setAttribute("ragops.search.keyword_hits", keywordList.size());
        span.setAttribute("ragops.search.vector_hits", vectorList.size());
        span.setAttribute("ragops.search.fused_hits", fused.size());
        return fused;
      });
    } catch (CompletionException e) {
      if (e.getCause() instanceof RuntimeException cause) {
        throw cause;
      }
      throw e;
    }
  }

  private List<ScoredChunk> keywordLeg(SearchScope scope, String query, int k) {
    return stages.keyword.record(span -> hitCount(span, k, keyword.search(scope, query, k)));
  }

  private List<ScoredChunk> vectorLeg(SearchScope scope, String query, int k) {
    float[] vector =
        stages.embedQuery.record(span -> {
          var model = queryEmbedder(scope);
          span.setAttribute("ragops.embedding.model", model.modelId());
          return model.embedQuery(query);
        });
    return stages.vector.record(span -> hitCount(span, k, vectors.nearest(scope, vector, k)));
  }

  /** Describes a leg on its span: how many candidates it was asked for and how many it found. */
  private static List<ScoredChunk> hitCount(Span span, int k, List<ScoredChunk> hits) {
    span.setAttribute("ragops.search.candidates", k);
    span.setAttribute("ragops.search.hits", hits.size());
    return hits;
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

  /** The model that embedded the scope's generation (a reindex may have changed it). */
  private Embedder queryEmbedder(SearchScope scope) {
    String model =
        models == null ? null : catalog.embeddingModel(scope.collection(), scope.generation());
    return model == null ? embedder : models.forModel(model);
  }

  private SearchResponse.Hit toHit(FusedHit hit, String mode, Highlighter highlighter) {
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
            staleness != null && staleness.isStale(chunk.collection(), chunk.documentId())),
        chunk.metadata(),
        chunk.flags());
  }

  @PreDestroy
  void close() {
    legs.close();
  }
}
