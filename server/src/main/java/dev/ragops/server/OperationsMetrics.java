package dev.ragops.server;

import dev.ragops.indexer.Indexer;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.annotation.Context;
import io.micronaut.context.annotation.Requires;
import io.micronaut.scheduling.annotation.Scheduled;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import javax.sql.DataSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gauges read from the database and this node, registered at startup:
 *
 * <ul>
 *   <li>{@code ragops.ingest.jobs{status}}: ingest jobs by status ({@code queued} is the queue
 *       depth, {@code succeeded} and {@code failed} the outcomes so far), refreshed every {@code
 *       ragops.metrics.jobs-interval} (default 15 s) because every node reads the same table;
 *   <li>{@code ragops.lucene.caught.up}: 1 once this node's Lucene index has caught up with the
 *       database at startup, else 0.
 * </ul>
 */
@Context
@Singleton
@Requires(beans = MeterRegistry.class)
class OperationsMetrics {

  private static final Logger LOG = LoggerFactory.getLogger(OperationsMetrics.class);

  static final List<String> JOB_STATUSES = List.of("queued", "running", "succeeded", "failed");

  private static final String JOBS_BY_STATUS_SQL =
      "SELECT status, COUNT(*) FROM jobs GROUP BY status";

  private final DataSource dataSource;
  private final Map<String, AtomicLong> jobs = new HashMap<>();
  private volatile boolean warned;

  OperationsMetrics(DataSource dataSource, MeterRegistry registry, Indexer indexer) {
    this.dataSource = dataSource;
    for (String status : JOB_STATUSES) {
      var count = new AtomicLong();
      jobs.put(status, count);
      Gauge.builder("ragops.ingest.jobs", count, AtomicLong::get)
          .description("Ingest jobs in the database by status; queued is the queue depth")
          .tag("status", status)
          .register(registry);
    }
    Gauge.builder("ragops.lucene.caught.up", indexer, i -> i.caughtUp() ? 1 : 0)
        .description("1 once this node's Lucene index has caught up with the database")
        .register(registry);
  }

  @Scheduled(fixedDelay = "${ragops.metrics.jobs-interval:15s}", initialDelay = "1s")
  @ReadOnly
  public void refreshJobs() {
    var counted = new HashMap<String, Long>();
    try (PreparedStatement query = dataSource.getConnection().prepareStatement(JOBS_BY_STATUS_SQL);
        ResultSet rows = query.executeQuery()) {
      while (rows.next()) {
        counted.put(rows.getString(1), rows.getLong(2));
      }
      warned = false;
    } catch (SQLException | RuntimeException e) {
      if (!warned) {
        LOG.warn("Could not count ingest jobs for the metrics, will retry: {}", e.toString());
        warned = true;
      }
      return;
    }
    jobs.forEach((status, count) -> count.set(counted.getOrDefault(status, 0L)));
  }
}
