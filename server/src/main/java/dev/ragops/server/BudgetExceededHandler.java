package dev.ragops.server;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * 429 problem+json naming the spent budget, with Retry-After: the seconds until its period ends.
 */
@Singleton
@Produces
final class BudgetExceededHandler
    implements ExceptionHandler<BudgetExceededException, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> errors;

  BudgetExceededHandler(ErrorResponseProcessor<?> errors) {
    this.errors = errors;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, BudgetExceededException exception) {
    return errors.processResponse(
        ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
        HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS)
            .header(
                "Retry-After", String.valueOf(Math.max(1, exception.retryAfter().toSeconds()))));
  }
}
