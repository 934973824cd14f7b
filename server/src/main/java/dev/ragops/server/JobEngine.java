package dev.ragops.server;

import io.micronaut.context.annotation.Bean;
import io.micronaut.context.annotation.Factory;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import jakarta.inject.Singleton;
import java.util.List;
import javax.sql.DataSource;
import org.jobrunr.jobs.mappers.JobMapper;
import org.jobrunr.scheduling.JobRequestScheduler;
import org.jobrunr.scheduling.JobScheduler;
import org.jobrunr.storage.StorageProvider;
import org.jobrunr.storage.sql.common.SqlStorageProviderFactory;
import org.jobrunr.utils.mapper.JsonMapper;
import org.jobrunr.utils.mapper.jackson.JacksonJsonMapper;

/**
 * The job engine: JobRunr over the application's own database (H2 or PostgreSQL), in its own {@code
 * jobrunr_*} tables, which JobRunr creates and migrates itself. Any bean may inject {@link
 * JobScheduler} (lambdas on beans) or {@link JobRequestScheduler} to enqueue, schedule or run jobs
 * recurrently; they run on whichever process of role {@code all} or {@code worker} takes them first
 * ({@link JobServer}).
 */
@Factory
final class JobEngine {

  @Singleton
  JsonMapper jobJsonMapper() {
    return new JacksonJsonMapper();
  }

  /**
   * JobRunr reads and writes through its own connections, outside Micronaut's transactions, so it
   * gets the pool itself rather than the transaction-aware proxy.
   */
  @Singleton
  @Bean(preDestroy = "close")
  StorageProvider jobStorage(DataSource dataSource, JsonMapper json) {
    var storage =
        SqlStorageProviderFactory.using(DelegatingDataSource.unwrapDataSource(dataSource));
    storage.setJobMapper(new JobMapper(json));
    return storage;
  }

  @Singleton
  JobScheduler jobScheduler(StorageProvider storage, JobServer server) {
    return new JobScheduler(storage, List.of(server.localStart()));
  }

  @Singleton
  JobRequestScheduler jobRequestScheduler(StorageProvider storage, JobServer server) {
    return new JobRequestScheduler(storage, List.of(server.localStart()));
  }
}
