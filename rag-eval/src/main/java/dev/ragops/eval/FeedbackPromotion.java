package dev.ragops.eval;

import dev.ragops.model.RelevanceFeedback;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Turns users' relevance feedback ({@link RelevanceFeedback}) into golden cases, with the lineage
 * every case has. Per judged search, each document gets +1 per relevant and -1 per not-relevant
 * judgment (a chunk's judgment counts for its document); documents with a positive sum are the
 * case's relevant documents, grade 2 when at least two judgments more say relevant than not, else
 * 1. Searches with none, searches already made cases of the dataset, and documents that are gone
 * are left out. Cases are recorded as {@code origin: feedback} with the search's query id.
 */
@Singleton
class FeedbackPromotion {

  private final GoldenSets goldenSets;
  private final DatasetStore store;
  private final Lineage lineage;
  private final RelevanceFeedback feedback;

  FeedbackPromotion(
      GoldenSets goldenSets, DatasetStore store, Lineage lineage, RelevanceFeedback feedback) {
    this.goldenSets = goldenSets;
    this.store = store;
    this.lineage = lineage;
    this.feedback = feedback;
  }

  /** Which judgments to use: those since an instant (ISO-8601), default all. */
  @Serdeable
  record FromFeedback(@Nullable String since) {}

  @Transactional
  List<CaseView> promote(String collection, String dataset, @Nullable FromFeedback request) {
    UUID datasetId = goldenSets.require(collection, dataset).id();
    Instant since = since(request == null ? null : request.since());
    Set<String> promoted =
        goldenSets.cases(collection, dataset, false).stream()
            .filter(existing -> existing.originId() != null)
            .map(CaseView::originId)
            .collect(Collectors.toSet());
    Map<String, String> queries = new LinkedHashMap<>();
    Map<String, Map<String, Integer>> votes = new LinkedHashMap<>();
    for (var judgment : feedback.judgments(collection)) {
      if (judgment.createdAt().isBefore(since)
          || judgment.sourceId() == null
          || promoted.contains(judgment.queryId())) {
        continue;
      }
      queries.putIfAbsent(judgment.queryId(), judgment.query());
      votes
          .computeIfAbsent(judgment.queryId(), id -> new LinkedHashMap<>())
          .merge(judgment.sourceId(), judgment.relevant() ? 1 : -1, Integer::sum);
    }
    List<GoldenCase> cases = new ArrayList<>();
    votes.forEach((queryId, byDocument) -> {
      List<Lineage.Relevance> relevant = new ArrayList<>();
      byDocument.forEach((sourceId, sum) -> {
        if (sum > 0) {
          relevant.add(new Lineage.Relevance(sourceId, null, sum >= 2 ? 2 : 1));
        }
      });
      if (!relevant.isEmpty()) {
        Instant now = DatasetStore.now();
        cases.add(
            new GoldenCase(
                UUID.randomUUID().toString(),
                queries.get(queryId),
                null,
                "feedback",
                queryId,
                lineage.label(collection, relevant, "feedback on query " + queryId),
                now,
                now));
      }
    });
    cases.forEach(golden -> store.insertCase(datasetId, golden));
    var now = lineage.snapshot(collection, cases);
    return cases.stream().map(golden -> CaseView.of(golden, now)).toList();
  }

  private static Instant since(@Nullable String since) {
    if (since == null) {
      return Instant.EPOCH;
    }
    try {
      return Instant.parse(since);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          "since must be an instant such as 2026-12-01T00:00:00Z, got '" + since + "'");
    }
  }
}
