package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.ConflictException;
import dev.ragops.model.DocumentCatalog;
import dev.ragops.model.NotFoundException;
import dev.ragops.model.QueryHistory;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
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
import java.util.regex.Pattern;

/**
 * Golden sets built through the API: datasets of cases, each case a query with graded judgments of
 * documents or chunks and their lineage (see {@link Lineage}). Every change is checked first and
 * applied in one transaction, so a bad request changes nothing.
 */
@Singleton
class GoldenSets {

  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.-]{0,127}");
  private static final int MAX_QUERY = 4096;
  private static final int MAX_ANSWER = 100_000;
  private static final int MAX_CASES_PER_REQUEST = 10_000;

  private final CollectionCatalog catalog;
  private final DatasetStore store;
  private final Lineage lineage;
  private final QueryHistory history;
  private final DocumentCatalog documents;

  GoldenSets(
      CollectionCatalog catalog,
      DatasetStore store,
      Lineage lineage,
      QueryHistory history,
      DocumentCatalog documents) {
    this.catalog = catalog;
    this.store = store;
    this.lineage = lineage;
    this.history = history;
    this.documents = documents;
  }

  @Transactional
  DatasetView create(String collection, DatasetRequests.Create request) {
    catalog.requireActiveGeneration(collection);
    String name = checkName(request.name());
    String description = checkDescription(request.description());
    if (store.find(collection, name).isPresent()) {
      throw new ConflictException(
          "dataset '" + name + "' already exists in collection '" + collection + "'");
    }
    var dataset = store.insertDataset(collection, name, description);
    return new DatasetView(name, description, 0, 0, dataset.createdAt());
  }

  /** Creates a dataset with all its cases, or nothing. */
  @Transactional
  DatasetView importDataset(String collection, DatasetRequests.Import request) {
    var cases = request.cases();
    if (cases == null || cases.isEmpty()) {
      throw new IllegalArgumentException("cases must hold at least one case");
    }
    if (cases.size() > MAX_CASES_PER_REQUEST) {
      throw new IllegalArgumentException("cases may hold at most " + MAX_CASES_PER_REQUEST);
    }
    List<GoldenCase> labelled = new ArrayList<>();
    for (int i = 0; i < cases.size(); i++) {
      labelled.add(manualCase(collection, cases.get(i), "cases[" + i + "]."));
    }
    var view =
        create(collection, new DatasetRequests.Create(request.name(), request.description()));
    UUID datasetId = require(collection, view.name()).id();
    labelled.forEach(golden -> store.insertCase(datasetId, golden));
    return new DatasetView(view.name(), view.description(), labelled.size(), 0, view.createdAt());
  }

  @ReadOnly
  List<DatasetView> list(String collection) {
    catalog.requireActiveGeneration(collection);
    List<DatasetView> views = new ArrayList<>();
    for (var dataset : store.datasets(collection)) {
      var cases = store.cases(dataset.id());
      var now = lineage.snapshot(collection, cases);
      int stale = (int) cases.stream().filter(now::stale).count();
      views.add(
          new DatasetView(
              dataset.name(), dataset.description(), cases.size(), stale, dataset.createdAt()));
    }
    return views;
  }

  @Transactional
  void delete(String collection, String dataset) {
    store.deleteDataset(require(collection, dataset).id());
  }

  @Transactional
  CaseView addCase(String collection, String dataset, DatasetRequests.AddCase request) {
    UUID datasetId = require(collection, dataset).id();
    var golden = manualCase(collection, request, "");
    store.insertCase(datasetId, golden);
    return CaseView.of(golden, lineage.snapshot(collection, List.of(golden)));
  }

  /** The dataset's cases, oldest first; only the stale ones with {@code staleOnly}. */
  @ReadOnly
  List<CaseView> cases(String collection, String dataset, boolean staleOnly) {
    var cases = store.cases(require(collection, dataset).id());
    var now = lineage.snapshot(collection, cases);
    return cases.stream()
        .filter(golden -> !staleOnly || now.stale(golden))
        .map(golden -> CaseView.of(golden, now))
        .toList();
  }

  @Transactional
  void deleteCase(String collection, String dataset, String caseId) {
    if (!store.deleteCase(require(collection, dataset).id(), caseUuid(caseId))) {
      throw notFound(caseId, dataset);
    }
  }

  /**
   * Re-labels a case on the documents as they are now: with new judgments when given, else with the
   * old ones, whose content hashes are brought up to date. Judgments of documents or chunks that no
   * longer exist are dropped; a case left without a relevant judgment is a conflict.
   */
  @Transactional
  CaseView confirm(
      String collection, String dataset, String caseId, DatasetRequests.Confirm request) {
    UUID datasetId = require(collection, dataset).id();
    var golden =
        store.cases(datasetId).stream()
            .filter(c -> c.id().equals(caseUuid(caseId).toString()))
            .findFirst()
            .orElseThrow(() -> notFound(caseId, dataset));
    List<Judgment> judgments;
    if (request != null && request.relevant() != null) {
      judgments = lineage.label(collection, request.relevant(), "relevant");
    } else {
      var now = lineage.snapshot(collection, List.of(golden));
      var kept =
          golden.judgments().stream()
              .filter(j -> !now.status(j).equals("deleted"))
              .map(j -> new Lineage.Relevance(j.sourceId(), j.chunkId(), j.grade()))
              .toList();
      if (kept.stream().noneMatch(r -> r.grade() >= 1)) {
        throw new ConflictException(
            "every relevant document of case "
                + caseId
                + " is gone: confirm it with new judgments in 'relevant' or delete it");
      }
      judgments = lineage.label(collection, kept, "relevant");
    }
    Instant confirmedAt = DatasetStore.now();
    store.relabel(golden.id(), judgments, confirmedAt);
    var updated =
        new GoldenCase(
            golden.id(),
            golden.query(),
            golden.referenceAnswer(),
            golden.origin(),
            golden.originId(),
            judgments,
            golden.createdAt(),
            confirmedAt);
    return CaseView.of(updated, lineage.snapshot(collection, List.of(updated)));
  }

  /** Turns logged searches into cases; see {@link DatasetRequests.Promote} for the judgments. */
  @Transactional
  List<CaseView> promote(String collection, String dataset, DatasetRequests.Promote request) {
    UUID datasetId = require(collection, dataset).id();
    var queryIds = request.queryIds();
    if (queryIds == null || queryIds.isEmpty()) {
      throw new IllegalArgumentException("queryIds must list at least one logged query id");
    }
    if (queryIds.size() > MAX_CASES_PER_REQUEST) {
      throw new IllegalArgumentException("queryIds may list at most " + MAX_CASES_PER_REQUEST);
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

  /** The cases of a dataset, with the state of the documents they judge, for an eval run. */
  @ReadOnly
  List<GoldenCase> casesForEval(String collection, String dataset) {
    return store.cases(require(collection, dataset).id());
  }

  Lineage lineage() {
    return lineage;
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

  private GoldenCase manualCase(String collection, DatasetRequests.AddCase request, String at) {
    if (request == null) {
      throw new IllegalArgumentException((at.isEmpty() ? "body" : at) + " must be a case");
    }
    String query = Lineage.requireText(request.query(), at + "query", MAX_QUERY);
    String answer = request.referenceAnswer();
    if (answer != null && answer.length() > MAX_ANSWER) {
      throw new IllegalArgumentException(
          at + "referenceAnswer must be at most " + MAX_ANSWER + " characters");
    }
    var judgments = lineage.label(collection, request.relevant(), at + "relevant");
    Instant now = DatasetStore.now();
    return new GoldenCase(
        UUID.randomUUID().toString(),
        query,
        answer == null || answer.isBlank() ? null : answer,
        "manual",
        null,
        judgments,
        now,
        now);
  }

  DatasetStore.Dataset require(String collection, String dataset) {
    catalog.requireActiveGeneration(collection);
    return store
        .find(collection, dataset)
        .orElseThrow(() ->
            new NotFoundException(
                "dataset '" + dataset + "' does not exist in collection '" + collection + "'"));
  }

  private static UUID caseUuid(String caseId) {
    try {
      return UUID.fromString(caseId);
    } catch (IllegalArgumentException e) {
      throw new NotFoundException("case '" + caseId + "' does not exist");
    }
  }

  private static NotFoundException notFound(String caseId, String dataset) {
    return new NotFoundException(
        "case '" + caseId + "' does not exist in dataset '" + dataset + "'");
  }

  private static String checkName(@Nullable String name) {
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "name must be 1-128 characters of letters, digits, '_', '.' or '-', starting with a"
              + " letter or digit; got '"
              + name
              + "'");
    }
    return name;
  }

  private static String checkDescription(@Nullable String description) {
    if (description != null && description.length() > 4000) {
      throw new IllegalArgumentException("description must be at most 4000 characters");
    }
    return description == null || description.isBlank() ? null : description;
  }
}
