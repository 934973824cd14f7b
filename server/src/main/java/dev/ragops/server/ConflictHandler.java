package dev.ragops.server;

import dev.ragops.model.ConflictException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

@Singleton
@Produces
final class ConflictHandler extends ProblemHandler<ConflictException> {

  ConflictHandler(ErrorResponseProcessor<?> errors) {
    super(errors, HttpStatus.CONFLICT);
  }
}
