package dev.ragops.ingestion;

import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DocumentRepository extends CrudRepository<DocumentRow, UUID> {

  Optional<DocumentRow> findByCollectionIdAndSourceId(UUID collectionId, String sourceId);

  Optional<DocumentRow> findByIdAndCollectionId(UUID id, UUID collectionId);

  List<DocumentRow> findByCollectionIdOrderBySourceId(UUID collectionId);

  long countByCollectionId(UUID collectionId);
}
