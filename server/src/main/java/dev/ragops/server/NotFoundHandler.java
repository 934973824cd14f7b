package dev.ragops.server;

import dev.ragops.model.NotFoundException;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

@Singleton
@Produces
final class NotFoundHandler extends ProblemHandler<NotFoundException> {

  NotFoundHandler(ErrorResponseProcessor<?> errors) {
    super(errors, HttpStatus.NOT_FOUND);
  }
}
