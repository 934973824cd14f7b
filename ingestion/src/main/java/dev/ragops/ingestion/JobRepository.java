package dev.ragops.ingestion;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface JobRepository extends CrudRepository<JobRow, UUID> {

  List<JobRow> findByStatusInOrderByCreatedAt(List<String> statuses);

  List<JobRow> findByDocumentIdOrderByCreatedAtDesc(UUID documentId);
}
