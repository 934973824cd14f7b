package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface JobRepository extends CrudRepository<JobRow, UUID> {

  List<JobRow> findByStatusInOrderByCreatedAt(List<String> statuses);

  List<JobRow> findByDocumentIdOrderByCreatedAtDesc(UUID documentId);

  /** Records where a job is; the error is cleared. */
  @Query(
      value =
          """
          UPDATE jobs SET status = :status, stage = :stage, chunks_done = :chunksDone,
                 chunks_total = :chunksTotal, error = NULL, updated_at = :now
          WHERE id = :id\
          """,
      nativeQuery = true)
  void progress(UUID id, String status, String stage, int chunksDone, int chunksTotal, Instant now);

  /** Ends a job as failed at {@code stage} with the reason. */
  @Query(
      value =
          """
          UPDATE jobs SET status = 'failed', stage = :stage, error = :error, updated_at = :now
          WHERE id = :id\
          """,
      nativeQuery = true)
  void fail(UUID id, String stage, @Nullable String error, Instant now);

  /** Where the jobs of one upload request are, summed up. */
  @Query(
      value =
          """
          SELECT COUNT(*) AS documents_total,
                 COALESCE(SUM(CASE WHEN status IN ('succeeded', 'failed') THEN 1 ELSE 0 END), 0)
                     AS documents_done,
                 COALESCE(SUM(CASE WHEN status = 'failed' THEN 1 ELSE 0 END), 0)
                     AS documents_failed,
                 COALESCE(SUM(chunks_done), 0) AS chunks_done,
                 COALESCE(SUM(chunks_total), 0) AS chunks_total
          FROM jobs WHERE batch_id = :batchId\
          """,
      nativeQuery = true)
  BatchProgress batchProgress(UUID batchId);
}
