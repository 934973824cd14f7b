package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.data.annotation.Query;
import io.micronaut.data.jdbc.annotation.JdbcRepository;
import io.micronaut.data.model.query.builder.sql.Dialect;
import io.micronaut.data.repository.CrudRepository;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@JdbcRepository(dialect = Dialect.POSTGRES)
interface DocumentRepository extends CrudRepository<DocumentRow, UUID> {

  Optional<DocumentRow> findByCollectionIdAndSourceId(UUID collectionId, String sourceId);

  Optional<DocumentRow> findByIdAndCollectionId(UUID id, UUID collectionId);

  List<DocumentRow> findByCollectionIdOrderBySourceId(UUID collectionId);

  long countByCollectionId(UUID collectionId);

  /**
   * Sets the stage (and error) of one version of a document; returns 0 when the document is gone or
   * has a newer version, whose own job owns its status.
   */
  @Query(
      value =
          """
          UPDATE documents SET status = :status, error = :error, updated_at = :now
          WHERE id = :id AND version = :version\
          """,
      nativeQuery = true)
  int stage(UUID id, int version, String status, @Nullable String error, Instant now);

  /**
   * Locks the document's row until the transaction ends and returns its version; empty when the
   * document is gone. A new upload of the document waits for the lock, so a version check made
   * under it holds until commit.
   */
  @Query(value = "SELECT version FROM documents WHERE id = :id FOR UPDATE", nativeQuery = true)
  Optional<Integer> lockVersion(UUID id);
}
