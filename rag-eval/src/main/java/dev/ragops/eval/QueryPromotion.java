package dev.ragops.eval;

import dev.ragops.model.DocumentCatalog;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.QueryHistory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Turns logged searches into golden cases. Unless the request gives a query's judgments, each
 * distinct document of the logged result page (the first {@code top}, default all) is judged
 * relevant with grade 1: a starting point to review, recorded as {@code origin: query-log}.
 * Documents that no longer exist are left out; all queries become cases or none does.
 */
@Singleton
class QueryPromotion {

  private final GoldenSets goldenSets;
  private final DatasetStore store;
  private final Lineage lineage;
  private final QueryHistory history;
  private final DocumentCatalog documents;

  QueryPromotion(
      GoldenSets goldenSets,
      DatasetStore store,
      Lineage lineage,
      QueryHistory history,
      DocumentCatalog documents) {
    this.goldenSets = goldenSets;
    this.store = store;
    this.lineage = lineage;
    this.history = history;
    this.documents = documents;
  }

  /** Turns logged searches into cases; see {@link DatasetRequests.Promote} for the judgments. */
  @Transactional
  List<CaseView> promote(String collection, String dataset, DatasetRequests.Promote request) {
    UUID datasetId = goldenSets.require(collection, dataset).id();
    var queryIds = request.queryIds();
    if (queryIds == null || queryIds.isEmpty()) {
      throw new IllegalArgumentException("queryIds must list at least one logged query id");
    }
    if (queryIds.size() > GoldenSets.MAX_CASES_PER_REQUEST) {
      throw new IllegalArgumentException(
          "queryIds may list at most " + GoldenSets.MAX_CASES_PER_REQUEST);
    }
    Integer top = request.top();
    if (top != null && top < 1) {
      throw new IllegalArgumentException("top must be at least 1, got " + top);
    }
    Map<String, List<Lineage.Relevance>> given =
        request.relevant() == null ? Map.of() : request.relevant();
    for (String id : given.keySet()) {
      if (!queryIds.contains(id)) {
        throw new IllegalArgumentException("relevant." + id + " is not one of queryIds");
      }
    }
    Set<String> seen = new HashSet<>();
    List<GoldenCase> cases = new ArrayList<>();
    for (int i = 0; i < queryIds.size(); i++) {
      String field = "queryIds[" + i + "]";
      String queryId = queryIds.get(i);
      if (!seen.add(String.valueOf(queryId))) {
        throw new IllegalArgumentException(field + " repeats " + queryId);
      }
      var logged =
          history
              .find(collection, String.valueOf(queryId))
              .orElseThrow(() ->
                  new NotFoundException(
                      field + " '" + queryId + "' is not a logged query of " + collection));
      List<Lineage.Relevance> relevant = given.get(queryId);
      String relevantField = "relevant." + queryId;
      if (relevant == null) {
        relevant = loggedResults(collection, logged, top);
        relevantField = field + " (its logged results)";
        if (relevant.isEmpty()) {
          throw new IllegalArgumentException(
              field + ": no document of its logged results exists any more");
        }
      }
      Instant now = DatasetStore.now();
      cases.add(
          new GoldenCase(
              UUID.randomUUID().toString(),
              logged.query(),
              null,
              "query-log",
              logged.id(),
              lineage.label(collection, relevant, relevantField),
              now,
              now));
    }
    cases.forEach(golden -> store.insertCase(datasetId, golden));
    var now = lineage.snapshot(collection, cases);
    return cases.stream().map(golden -> CaseView.of(golden, now)).toList();
  }

  private List<Lineage.Relevance> loggedResults(
      String collection, QueryHistory.LoggedQuery logged, @Nullable Integer top) {
    var documentIds = new LinkedHashSet<>(logged.documentIds());
    var sourceIds = documents.sourceIds(collection, documentIds);
    return documentIds.stream()
        .limit(top == null ? Long.MAX_VALUE : top)
        .map(sourceIds::get)
        .filter(sourceId -> sourceId != null)
        .map(sourceId -> new Lineage.Relevance(sourceId, null, 1))
        .toList();
  }
}
