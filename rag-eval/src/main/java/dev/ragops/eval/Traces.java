package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.DocumentCatalog;
import dev.ragops.model.RetriableException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jobrunr.scheduling.JobScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers given in production, stored as traces and scored for faithfulness by a job of the job
 * engine per sampled trace ({@link TraceScoringJob}, on a worker), with the default judge ({@code
 * ragops.faithfulness.judge}), at {@code ragops.traces.sample-rate} (default 1: every trace). Each
 * score is recorded in the meter {@code ragops.traces.faithfulness} (a distribution summary tagged
 * with the collection and the judge); {@code ragops.traces} counts traces by collection and outcome
 * ({@code scored}, {@code skipped}, {@code failed}).
 */
@Singleton
class Traces {

  private static final Logger LOG = LoggerFactory.getLogger(Traces.class);
  private static final int MAX_TEXT = 10_000;
  private static final int MAX_CONTEXTS = 100_000;
  private static final int MAX_CHUNKS = 100;

  /** A trace as a client sends it: the contexts themselves, or the ids of the chunks used. */
  @Serdeable
  record Request(
      @Nullable String question,
      @Nullable String answer,
      @Nullable List<String> contexts,
      @Nullable List<String> chunkIds) {}

  private final CollectionCatalog catalog;
  private final DocumentCatalog documents;
  private final Judges judges;
  private final TraceStore store;
  private final MeterRegistry meters;
  private final double sampleRate;
  private final JobScheduler scheduler;

  Traces(
      CollectionCatalog catalog,
      DocumentCatalog documents,
      Judges judges,
      TraceStore store,
      MeterRegistry meters,
      JobScheduler scheduler,
      @Value("${ragops.traces.sample-rate:1.0}") double sampleRate) {
    if (!(sampleRate >= 0 && sampleRate <= 1)) {
      throw new IllegalArgumentException(
          "ragops.traces.sample-rate must be in [0, 1], got " + sampleRate);
    }
    this.catalog = catalog;
    this.documents = documents;
    this.judges = judges;
    this.store = store;
    this.meters = meters;
    this.sampleRate = sampleRate;
    this.scheduler = scheduler;
  }

  /**
   * Stores a trace and, when it is sampled, hands its scoring to the job engine under the trace's
   * id.
   */
  TraceView record(String collection, Request request) {
    catalog.requireActiveGeneration(collection);
    String question = request.question() == null ? "" : request.question();
    if (question.length() > MAX_TEXT) {
      throw new IllegalArgumentException("question must be at most " + MAX_TEXT + " characters");
    }
    String answer = Lineage.requireText(request.answer(), "answer", MAX_TEXT);
    List<String> chunkIds = request.chunkIds() == null ? List.of() : request.chunkIds();
    List<String> contexts = contexts(collection, request.contexts(), chunkIds);
    boolean sampled = sampleRate >= 1 || ThreadLocalRandom.current().nextDouble() < sampleRate;
    var trace =
        new TraceView(
            UUID.randomUUID().toString(),
            question,
            answer,
            contexts,
            chunkIds,
            sampled ? "pending" : "skipped",
            null,
            null,
            null,
            null,
            Instant.now(),
            null);
    store.insert(collection, trace);
    if (sampled) {
      try {
        enqueue(UUID.fromString(trace.id()));
      } catch (RuntimeException e) {
        count(collection, "failed");
        store.failed(trace.id(), "the job engine could not take it: " + JobAttempts.reason(e));
        throw new RetriableException(
            "the trace is stored but the job engine is unavailable to score it", e);
      }
    } else {
      count(collection, "skipped");
    }
    return trace;
  }

  List<TraceView> recent(String collection, int limit) {
    catalog.requireActiveGeneration(collection);
    if (limit < 1 || limit > 1000) {
      throw new IllegalArgumentException("limit must be between 1 and 1000, got " + limit);
    }
    return store.recent(collection, limit);
  }

  private List<String> contexts(
      String collection, @Nullable List<String> contexts, List<String> chunkIds) {
    boolean hasContexts = contexts != null && !contexts.isEmpty();
    if (hasContexts == !chunkIds.isEmpty()) {
      throw new IllegalArgumentException("give either contexts or chunkIds (exactly one of them)");
    }
    if (hasContexts) {
      if (contexts.stream().allMatch(c -> c == null || c.isBlank())) {
        throw new IllegalArgumentException("contexts must hold at least one non-empty passage");
      }
      if (contexts.stream().mapToInt(c -> c == null ? 0 : c.length()).sum() > MAX_CONTEXTS) {
        throw new IllegalArgumentException(
            "contexts must be at most " + MAX_CONTEXTS + " characters in total");
      }
      return contexts.stream().map(c -> c == null ? "" : c).toList();
    }
    if (chunkIds.size() > MAX_CHUNKS) {
      throw new IllegalArgumentException("chunkIds may list at most " + MAX_CHUNKS + " chunks");
    }
    var chunks = documents.chunks(collection, chunkIds);
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < chunkIds.size(); i++) {
      var chunk = chunks.get(chunkIds.get(i));
      if (chunk == null) {
        throw new IllegalArgumentException(
            "chunkIds[" + i + "] '" + chunkIds.get(i) + "' is not a chunk of " + collection);
      }
      texts.add(chunk.text());
    }
    return texts;
  }

  /** Hands the pending trace to the job engine under its id ({@link TraceScoringJob}). */
  void enqueue(UUID id) {
    scheduler.<TraceScoringJob>enqueue(id, job -> job.score(id));
  }

  /**
   * Scores the pending trace {@code traceId} (the job engine's entry, {@link TraceScoringJob}) with
   * the default judge and stores the score, or {@code failed} with the reason. A trace that is no
   * longer pending is left as it is; a transient failure is thrown so the engine runs the job again
   * ({@link JobAttempts}).
   */
  void score(String traceId) {
    var pending = store.claim(traceId).orElse(null);
    if (pending == null) {
      return;
    }
    String collection = pending.collection();
    if (pending.attempts() > JobAttempts.MAX) {
      count(collection, "failed");
      store.failed(traceId, JobAttempts.gaveUp(pending.attempts()));
      return;
    }
    try {
      var judge = judges.get(null);
      var judgement = judge.judge(pending.question(), pending.answer(), pending.contexts());
      if (!store.scored(traceId, judgement)) {
        return; // another start of this job scored it first
      }
      DistributionSummary.builder("ragops.traces.faithfulness")
          .description("Faithfulness of production answers (sampled traces), 0 to 1")
          .tags("collection", collection, "judge", judgement.judge())
          .register(meters)
          .record(judgement.score());
      count(collection, "scored");
    } catch (RuntimeException e) {
      if (pending.attempts() < JobAttempts.MAX && JobAttempts.retriable(e)) {
        LOG.warn(
            "Scoring trace {} of {} interrupted, it will run again: {}", traceId, collection, e);
        throw e;
      }
      LOG.warn("Could not score trace {} of {}: {}", traceId, collection, e.toString());
      count(collection, "failed");
      store.failed(traceId, JobAttempts.reason(e));
    }
  }

  private void count(String collection, String outcome) {
    Counter.builder("ragops.traces")
        .description("Traces received, by outcome of their scoring")
        .tags("collection", collection, "outcome", outcome)
        .register(meters)
        .increment();
  }
}
