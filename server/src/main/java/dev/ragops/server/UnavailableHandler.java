package dev.ragops.server;

import dev.ragops.model.RetriableException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** A failure that may pass on retry (e.g. the database is restarting): 503 with Retry-After. */
@Singleton
@Produces
final class UnavailableHandler extends ProblemHandler<RetriableException> {

  UnavailableHandler(ErrorResponseProcessor<?> errors) {
    super(errors, HttpStatus.SERVICE_UNAVAILABLE);
  }

  @Override
  MutableHttpResponse<?> decorate(MutableHttpResponse<?> response) {
    return response.header("Retry-After", "1");
  }
}
