package dev.ragops.server;

import dev.ragops.model.TransientFailure;
import io.micronaut.data.connection.exceptions.ConnectionException;
import io.micronaut.data.connection.jdbc.exceptions.CannotGetJdbcConnectionException;
import io.micronaut.data.exceptions.DataAccessException;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import io.micronaut.transaction.exceptions.TransactionException;
import jakarta.inject.Singleton;
import org.jobrunr.storage.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Database failures at the HTTP edge: a lost or refused connection (the database restarting, the
 * pool exhausted) is a 503 with {@code Retry-After}, so clients retry; anything else stays a 500.
 * One bean per exception type the data layer throws.
 */
abstract class DatabaseFailureHandler<E extends RuntimeException>
    implements ExceptionHandler<E, HttpResponse<?>> {

  private static final Logger LOG = LoggerFactory.getLogger(DatabaseFailureHandler.class);

  private final ErrorResponseProcessor<?> errors;

  DatabaseFailureHandler(ErrorResponseProcessor<?> errors) {
    this.errors = errors;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, E exception) {
    // failing to get or set up a connection is always about the database, never the request
    boolean unavailable =
        exception instanceof ConnectionException
            || exception instanceof CannotGetJdbcConnectionException
            || TransientFailure.isTransient(exception);
    if (!unavailable) {
      LOG.error("Database failure on {} {}", request.getMethod(), request.getPath(), exception);
    }
    var response =
        errors.processResponse(
            ErrorContext.builder(request)
                .cause(exception)
                .errorMessage(
                    unavailable
                        ? "the database is unavailable; retry shortly"
                        : "the database failed to answer")
                .build(),
            HttpResponse.status(
                unavailable ? HttpStatus.SERVICE_UNAVAILABLE : HttpStatus.INTERNAL_SERVER_ERROR));
    return unavailable ? response.header("Retry-After", "1") : response;
  }

  @Singleton
  @Produces
  static final class DataAccess extends DatabaseFailureHandler<DataAccessException> {
    DataAccess(ErrorResponseProcessor<?> errors) {
      super(errors);
    }
  }

  @Singleton
  @Produces
  static final class Connection extends DatabaseFailureHandler<ConnectionException> {
    Connection(ErrorResponseProcessor<?> errors) {
      super(errors);
    }
  }

  @Singleton
  @Produces
  static final class JdbcConnection
      extends DatabaseFailureHandler<CannotGetJdbcConnectionException> {
    JdbcConnection(ErrorResponseProcessor<?> errors) {
      super(errors);
    }
  }

  @Singleton
  @Produces
  static final class JobStorage extends DatabaseFailureHandler<StorageException> {
    JobStorage(ErrorResponseProcessor<?> errors) {
      super(errors);
    }
  }

  @Singleton
  @Produces
  static final class Transaction extends DatabaseFailureHandler<TransactionException> {
    Transaction(ErrorResponseProcessor<?> errors) {
      super(errors);
    }
  }
}
