package dev.ragops.indexer;

import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.flyway.FlywayConfigurationCustomizer;
import jakarta.inject.Named;
import jakarta.inject.Singleton;
import org.flywaydb.core.api.configuration.FluentConfiguration;

/**
 * How pgvector stores and indexes {@code chunks.embedding}: {@code ragops.pgvector.storage} ({@code
 * vector}, float32, the default; or {@code halfvec}, float16, half the memory and disk) and the
 * HNSW build parameters {@code ragops.pgvector.hnsw.m} (default 16) and {@code
 * ragops.pgvector.hnsw.ef-construction} (default 64). They reach the migration {@code
 * V9__vector_index_options.sql} as session settings of Flyway's connection ({@code initSql}), so
 * they take effect when a database is created (or first migrated past V9); {@link
 * PgVectorIndexCheck} refuses a later change. Settings rather than Flyway placeholders, so that a
 * migration run without this bean (another module's tests, a tool) still works, with the defaults.
 */
@Singleton
@Named("default")
@Requires(property = "datasources.default.dialect", value = "POSTGRES")
final class PgVectorIndexOptions implements FlywayConfigurationCustomizer {

  private final String storage;
  private final int m;
  private final int efConstruction;

  /**
   * @throws IllegalArgumentException for an unknown storage, {@code m} outside 2..100 (pgvector's
   *     range) or {@code efConstruction} outside 4..1000 or below {@code 2 m}
   */
  PgVectorIndexOptions(
      @Value("${ragops.pgvector.storage:vector}") String storage,
      @Value("${ragops.pgvector.hnsw.m:16}") int m,
      @Value("${ragops.pgvector.hnsw.ef-construction:64}") int efConstruction) {
    if (!storage.equals("vector") && !storage.equals("halfvec")) {
      throw new IllegalArgumentException(
          "ragops.pgvector.storage must be 'vector' or 'halfvec', got '" + storage + "'");
    }
    if (m < 2 || m > 100) {
      throw new IllegalArgumentException("ragops.pgvector.hnsw.m must be in 2..100, got " + m);
    }
    if (efConstruction < 4 || efConstruction > 1000 || efConstruction < 2 * m) {
      throw new IllegalArgumentException(
          "ragops.pgvector.hnsw.ef-construction must be in 4..1000 and at least 2 × m ("
              + 2 * m
              + "), got "
              + efConstruction);
    }
    this.storage = storage;
    this.m = m;
    this.efConstruction = efConstruction;
  }

  /** {@code vector} or {@code halfvec}: the type the query vector is cast to. */
  String storage() {
    return storage;
  }

  int m() {
    return m;
  }

  int efConstruction() {
    return efConstruction;
  }

  /** The flyway configuration this customizes: the default datasource's. */
  @Override
  public String getName() {
    return "default";
  }

  @Override
  public void customizeFluentConfiguration(FluentConfiguration configuration) {
    // the values are validated above, so they are safe to put in SQL
    configuration.initSql(
        "SET ragops.vector_storage = '"
            + storage
            + "'; SET ragops.hnsw_m = '"
            + m
            + "'; SET ragops.hnsw_ef_construction = '"
            + efConstruction
            + "'");
  }
}
