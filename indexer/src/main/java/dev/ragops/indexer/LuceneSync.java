package dev.ragops.indexer;

import dev.ragops.model.Stage;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.opentelemetry.api.OpenTelemetry;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentSkipListSet;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps the node's Lucene index in step with the database by following the {@code chunk_changes}
 * sequence. Applying a change re-reads the document's rows, so it is idempotent and order does not
 * matter; what matters is not to skip one.
 *
 * <p>Sequence numbers are taken when a transaction inserts its change, but transactions commit in
 * any order, so number 41 may become visible after 42. The sync keeps a <em>watermark</em>: every
 * change at or below it has been applied. Numbers above it that were not seen yet are gaps, waited
 * for until {@code ragops.sync.gap-timeout} (a transaction rolled back, or one that never commits,
 * leaves a permanent gap). Changes above the watermark that were applied are remembered so they are
 * not applied again. The watermark is stored in the Lucene commit, so a restart resumes from it;
 * the few changes re-read after a restart are harmless. For the same reason the index is committed
 * (an fsync) at most once per {@code ragops.sync.commit-interval}, not after every change: changes
 * are searchable as soon as they are applied, and a crash only means applying the changes since the
 * last commit again.
 *
 * <p>Each applied change is timed ({@code ragops.lucene.stage{stage=apply}}) and traced as a span
 * {@code lucene.apply} linked to the traced write that made the change (its ingest job's {@code
 * ingest.write}), so a trace shows when an upload became searchable on each node.
 */
@Singleton
final class LuceneSync {

  static final String POSITION = "ragops.sync.position";

  private static final Logger LOG = LoggerFactory.getLogger(LuceneSync.class);
  private static final int PAGE = 1000;

  private final ChunkTable table;
  private final LuceneIndex lucene;
  // each applied change: a timer, and a span linked to the write that made the change
  private final Stage apply;
  private final Duration gapTimeout;
  private final Duration commitInterval;
  private final Duration interval;
  // its own poller, not @Scheduled: a scheduler tick during shutdown would create the bean (and
  // the index and the embedding model) again while the JVM exits
  private final ScheduledExecutorService poller =
      Executors.newSingleThreadScheduledExecutor(
          task -> Thread.ofPlatform().name("ragops-lucene-sync").daemon().unstarted(task));
  private boolean uncommitted;
  private long lastCommit = System.nanoTime();

  // read without the lock by applied(), which searches call
  private volatile long watermark = -1;
  private final ConcurrentSkipListSet<Long> appliedAbove = new ConcurrentSkipListSet<>();
  private final TreeMap<Long, Long> gapsSince = new TreeMap<>();

  LuceneSync(
      ChunkTable table,
      LuceneIndex lucene,
      @Nullable MeterRegistry meters,
      @Nullable OpenTelemetry telemetry,
      @Value("${ragops.sync.gap-timeout:60s}") Duration gapTimeout,
      @Value("${ragops.sync.commit-interval:1s}") Duration commitInterval,
      @Value("${ragops.sync.interval:1s}") Duration interval) {
    this.table = table;
    this.lucene = lucene;
    this.apply =
        new Stage(
            "lucene",
            "apply",
            meters == null ? new SimpleMeterRegistry() : meters,
            telemetry == null ? OpenTelemetry.noop() : telemetry);
    this.gapTimeout = gapTimeout;
    this.commitInterval = commitInterval;
    this.interval = interval;
  }

  private boolean polling;

  /** Stops polling, waiting for a pass under way to finish. */
  @PreDestroy
  void stopPolling() throws InterruptedException {
    poller.shutdown();
    if (!poller.awaitTermination(30, TimeUnit.SECONDS)) {
      poller.shutdownNow();
    }
  }

  /** Resumes from the committed position, or rebuilds an index that is empty or has none. */
  synchronized void start() {
    String position = lucene.committedUserData().get(POSITION);
    if (position == null || (lucene.isEmpty() && table.lastSeq() > 0)) {
      rebuild();
    } else {
      watermark = Long.parseLong(position);
      catchUp();
    }
    if (!polling) {
      long millis = interval.toMillis();
      poller.scheduleWithFixedDelay(this::poll, millis, millis, TimeUnit.MILLISECONDS);
      polling = true;
    }
  }

  /** Rebuilds the index from the database while searches keep reading the old one. */
  synchronized long rebuild() {
    long started = System.nanoTime();
    long resumeFrom =
        table.firstSeqSince(OffsetDateTime.now(ZoneOffset.UTC).minus(gapTimeout.multipliedBy(2)));
    long[] chunks = {0};
    lucene.replaceAll(
        sink ->
            table.forEachDocument(
                lucene.storesVectors(),
                document -> {
                  sink.accept(document);
                  chunks[0] += document.size();
                }),
        Map.of(POSITION, Long.toString(resumeFrom - 1)));
    watermark = resumeFrom - 1;
    appliedAbove.clear();
    gapsSince.clear();
    LOG.info(
        "Rebuilt the Lucene index from the database: {} chunks in {} ms",
        chunks[0],
        (System.nanoTime() - started) / 1_000_000);
    catchUp();
    return chunks[0];
  }

  /**
   * Rebuilds one collection's chunks in the index from the database; searches of it switch from the
   * old chunks to the new in one step. Returns the number of chunks indexed.
   */
  synchronized long rebuild(String collection) {
    long[] chunks = {0};
    lucene.replaceCollection(
        collection,
        sink ->
            table.forEachDocument(
                collection,
                lucene.storesVectors(),
                document -> {
                  sink.accept(document);
                  chunks[0] += document.size();
                }),
        Map.of(POSITION, Long.toString(watermark)));
    catchUp();
    return chunks[0];
  }

  void poll() {
    try {
      if (!restoreIfGone()) {
        catchUp();
      }
    } catch (RuntimeException e) {
      LOG.warn("Lucene sync could not catch up, will retry: {}", e.toString());
    }
  }

  /**
   * Rebuilds the index from the database when its files were deleted while it ran (searches kept
   * reading the open files meanwhile); returns whether it did.
   */
  synchronized boolean restoreIfGone() {
    if (watermark < 0 || lucene.onDisk()) {
      return false;
    }
    LOG.warn("The Lucene index is gone from disk; rebuilding it from the database");
    lucene.restoreDirectory();
    rebuild();
    return true;
  }

  /** Applies every visible change not applied yet; returns the watermark. */
  synchronized long catchUp() {
    if (watermark < 0) {
      throw new IllegalStateException("the Lucene sync has not started");
    }
    long before = watermark;
    boolean more = true;
    long after = watermark;
    while (more) {
      var changes = table.changesAfter(after, PAGE);
      for (ChunkChange change : changes) {
        if (appliedAbove.add(change.seq())) {
          apply.recordLinked(
              change.traceparent(),
              span -> {
                span.setAttribute("ragops.collection", change.collection());
                span.setAttribute("ragops.document.id", String.valueOf(change.documentId()));
                span.setAttribute("ragops.sync.seq", change.seq());
                lucene.replaceDocument(
                    change.collection(),
                    change.documentId(),
                    table.documentChunks(change.documentId(), lucene.storesVectors()));
                return null;
              });
        }
      }
      more = changes.size() == PAGE;
      if (!changes.isEmpty()) {
        after = changes.getLast().seq();
      }
    }
    advance();
    uncommitted |= watermark != before || !appliedAbove.isEmpty();
    if (uncommitted && System.nanoTime() - lastCommit >= commitInterval.toNanos()) {
      lucene.commit(Map.of(POSITION, Long.toString(watermark)));
      uncommitted = false;
      lastCommit = System.nanoTime();
    }
    return watermark;
  }

  /**
   * Whether the change with sequence number {@code seq} has been applied on this node. Does not
   * wait for a catch-up in progress.
   */
  boolean applied(long seq) {
    return seq <= watermark || appliedAbove.contains(seq);
  }

  private void advance() {
    long now = System.nanoTime();
    if (!appliedAbove.isEmpty()) {
      for (long seq = watermark + 1; seq < appliedAbove.last(); seq++) {
        if (!appliedAbove.contains(seq)) {
          gapsSince.putIfAbsent(seq, now);
        }
      }
    }
    while (true) {
      long next = watermark + 1;
      if (appliedAbove.remove(next)) {
        gapsSince.remove(next);
        watermark = next;
      } else if (gapsSince.containsKey(next) && now - gapsSince.get(next) > gapTimeout.toNanos()) {
        LOG.warn("Change {} never committed within {}: skipping it", next, gapTimeout);
        gapsSince.remove(next);
        watermark = next;
      } else {
        return;
      }
    }
  }
}
