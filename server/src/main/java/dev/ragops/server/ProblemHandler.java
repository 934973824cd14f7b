package dev.ragops.server;

import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;

/**
 * Maps one exception type to one HTTP status. The body is written by {@link ProblemBody}, which
 * renders the framework's own errors (malformed JSON, missing parts, failed validation, unknown
 * routes) the same way.
 */
abstract class ProblemHandler<E extends Throwable> implements ExceptionHandler<E, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> errors;
  private final HttpStatus status;

  ProblemHandler(ErrorResponseProcessor<?> errors, HttpStatus status) {
    this.errors = errors;
    this.status = status;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, E exception) {
    return decorate(
        errors.processResponse(
            ErrorContext.builder(request)
                .cause(exception)
                .errorMessage(exception.getMessage())
                .build(),
            HttpResponse.status(status)));
  }

  MutableHttpResponse<?> decorate(MutableHttpResponse<?> response) {
    return response;
  }
}
