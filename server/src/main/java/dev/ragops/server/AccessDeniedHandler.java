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
 * 401 with {@code WWW-Authenticate: Bearer}, 403, or 429 with {@code Retry-After}, as problem+json
 * written by {@link ProblemBody}.
 */
@Singleton
@Produces
final class AccessDeniedHandler
    implements ExceptionHandler<AccessDeniedException, HttpResponse<?>> {

  private final ErrorResponseProcessor<?> errors;

  AccessDeniedHandler(ErrorResponseProcessor<?> errors) {
    this.errors = errors;
  }

  @Override
  public HttpResponse<?> handle(HttpRequest request, AccessDeniedException exception) {
    var response =
        switch (exception.reason()) {
          case UNAUTHENTICATED ->
              HttpResponse.status(HttpStatus.UNAUTHORIZED)
                  .header("WWW-Authenticate", "Bearer realm=\"ragops\"");
          case FORBIDDEN -> HttpResponse.status(HttpStatus.FORBIDDEN);
          case RATE_LIMITED ->
              HttpResponse.status(HttpStatus.TOO_MANY_REQUESTS).header("Retry-After", "1");
        };
    return errors.processResponse(
        ErrorContext.builder(request).cause(exception).errorMessage(exception.getMessage()).build(),
        response);
  }
}
