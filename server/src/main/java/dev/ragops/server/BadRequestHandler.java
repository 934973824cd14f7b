package dev.ragops.server;

import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/** Caller mistakes are {@link IllegalArgumentException}s with a message that says what to fix. */
@Singleton
@Produces
final class BadRequestHandler extends ProblemHandler<IllegalArgumentException> {

  BadRequestHandler(ErrorResponseProcessor<?> errors) {
    super(errors, HttpStatus.BAD_REQUEST);
  }
}
