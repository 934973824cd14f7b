package dev.ragops.server;

import dev.ragops.model.RetriableException;
import io.micronaut.transaction.annotation.ReadOnly;
import jakarta.inject.Singleton;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** The collection an ingest job belongs to: jobs are addressed without their collection. */
@Singleton
class JobCollections {

  private static final String COLLECTION_OF_JOB_SQL =
      """
      SELECT c.name FROM jobs j JOIN collections c ON c.id = j.collection_id WHERE j.id = ?\
      """;

  private final DataSource dataSource;

  JobCollections(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** The job's collection; empty when there is no such job (or the id is not one). */
  @ReadOnly
  public Optional<String> collectionOf(String jobId) {
    UUID id;
    try {
      id = UUID.fromString(jobId);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try (PreparedStatement find =
        dataSource.getConnection().prepareStatement(COLLECTION_OF_JOB_SQL)) {
      find.setObject(1, id);
      try (ResultSet rows = find.executeQuery()) {
        return rows.next() ? Optional.of(rows.getString(1)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RetriableException("could not look up the collection of job " + jobId, e);
    }
  }
}
