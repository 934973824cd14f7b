package dev.ragops.server;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.server.exceptions.ContentLengthExceededHandler;
import io.micronaut.http.server.exceptions.response.ErrorResponseProcessor;
import jakarta.inject.Singleton;

/**
 * An upload larger than {@code micronaut.server.max-request-size} or {@code
 * micronaut.server.multipart.max-file-size}: 413 as problem+json, and nothing is stored.
 */
@Singleton
@Produces
@Replaces(ContentLengthExceededHandler.class)
final class PayloadTooLargeHandler extends ProblemHandler<ContentLengthExceededException> {

  PayloadTooLargeHandler(ErrorResponseProcessor<?> errors) {
    super(errors, HttpStatus.REQUEST_ENTITY_TOO_LARGE);
  }
}
