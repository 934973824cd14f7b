package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import io.micronaut.context.annotation.Value;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import javax.sql.DataSource;
import org.jobrunr.storage.JobNotFoundException;
import org.jobrunr.storage.StorageProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Hands the job engine the eval work it never got. A run, tuning or sampled trace is stored first
 * and handed over by the same request, so a process that dies in between leaves a row waiting with
 * no engine job of its id. Every {@code ragops.evals.sweep-interval} each process looks for rows
 * waiting longer than {@code ragops.evals.requeue-after}: runs and traces are enqueued again (the
 * engine keeps one job per id, so two processes doing it at once is harmless); a tuning, whose
 * parameters lived only in its job, ends {@code failed} with a reason that says to start it again.
 */
@Singleton
class QueuedEvalSweeper {

  private static final Logger LOG = LoggerFactory.getLogger(QueuedEvalSweeper.class);

  private static final String WAITING_SQL =
      "SELECT id FROM %s WHERE status = ? AND created_at < ? ORDER BY created_at";

  private final DataSource dataSource;
  private final StorageProvider engine;
  private final EvalRuns runs;
  private final Traces traces;
  private final TuningStore tunings;
  private final Duration requeueAfter;

  QueuedEvalSweeper(
      DataSource dataSource,
      StorageProvider engine,
      EvalRuns runs,
      Traces traces,
      TuningStore tunings,
      @Value("${ragops.evals.requeue-after:60s}") Duration requeueAfter) {
    this.dataSource = dataSource;
    this.engine = engine;
    this.runs = runs;
    this.traces = traces;
    this.tunings = tunings;
    this.requeueAfter = requeueAfter;
  }

  @Scheduled(
      fixedDelay = "${ragops.evals.sweep-interval:15s}",
      initialDelay = "${ragops.evals.sweep-interval:15s}")
  void sweep() {
    try {
      Instant before = Instant.now().minus(requeueAfter);
      int handed = 0;
      for (UUID id : notInEngine(waiting("eval_runs", "queued", before))) {
        runs.enqueue(id);
        handed++;
      }
      for (UUID id : notInEngine(waiting("eval_traces", "pending", before))) {
        traces.enqueue(id);
        handed++;
      }
      for (UUID id : notInEngine(waiting("eval_tunings", "queued", before))) {
        tunings.finish(
            id.toString(),
            "failed",
            null,
            "the job engine never received this tuning (the node that accepted it stopped first);"
                + " start it again");
        handed++;
      }
      if (handed > 0) {
        LOG.warn("Found {} eval runs, traces or tunings the job engine did not have", handed);
      }
    } catch (RuntimeException e) {
      LOG.warn("Could not look for eval work the job engine lacks, will retry: {}", e.toString());
    }
  }

  @ReadOnly
  List<UUID> waiting(String table, String status, Instant before) {
    try (PreparedStatement select =
        dataSource.getConnection().prepareStatement(WAITING_SQL.formatted(table))) {
      select.setString(1, status);
      select.setObject(2, before.atOffset(ZoneOffset.UTC));
      List<UUID> ids = new ArrayList<>();
      try (ResultSet rows = select.executeQuery()) {
        while (rows.next()) {
          ids.add(UUID.fromString(rows.getString(1)));
        }
      }
      return ids;
    } catch (SQLException e) {
      throw new RetriableException("could not read waiting " + table, e);
    }
  }

  private List<UUID> notInEngine(List<UUID> ids) {
    List<UUID> missing = new ArrayList<>();
    for (UUID id : ids) {
      try {
        engine.getJobById(id);
      } catch (JobNotFoundException e) {
        missing.add(id);
      }
    }
    return missing;
  }
}
