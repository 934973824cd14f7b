package dev.ragops.ingestion;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Compiled for PostgreSQL's dialect; embedded mode runs H2 with {@code MODE=PostgreSQL} and {@code
 * DATABASE_TO_LOWER=TRUE}, which reads the same SQL.
 */
@JdbcRepository(dialect = Dialect.POSTGRES)
interface CollectionRepository extends CrudRepository<CollectionRow, UUID> {

  Optional<CollectionRow> findByName(String name);

  List<CollectionRow> listOrderByName();
}
