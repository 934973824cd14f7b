package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.ConflictException;
import dev.ragops.model.NotFoundException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
  static final int MAX_CASES_PER_REQUEST = 10_000;

  private final CollectionCatalog catalog;
  private final DatasetStore store;
  private final Lineage lineage;

  GoldenSets(CollectionCatalog catalog, DatasetStore store, Lineage lineage) {
    this.catalog = catalog;
    this.store = store;
    this.lineage = lineage;
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

  /** The cases of a dataset, with the state of the documents they judge, for an eval run. */
  @ReadOnly
  List<GoldenCase> casesForEval(String collection, String dataset) {
    return store.cases(require(collection, dataset).id());
  }

  Lineage lineage() {
    return lineage;
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
