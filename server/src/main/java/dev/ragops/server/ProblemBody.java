package dev.ragops.server;

import io.micronaut.context.annotation.Replaces;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.server.exceptions.response.ErrorContext;
import io.micronaut.http.server.exceptions.response.JsonErrorResponseBodyProvider;
import jakarta.inject.Singleton;
import java.util.stream.Collectors;

/**
 * The one place that writes error bodies, for ragops' own exceptions (through {@link
 * ProblemHandler}) and the framework's (malformed JSON, missing parts, failed validation, unknown
 * routes) alike.
 */
@Singleton
@Replaces(JsonErrorResponseBodyProvider.class)
final class ProblemBody implements JsonErrorResponseBodyProvider<Problem> {

  @Override
  public Problem body(ErrorContext context, HttpResponse<?> response) {
    var errors =
        context.getErrors().stream()
            .map(e -> new Problem.FieldError(e.getMessage(), e.getPath().orElse(null)))
            .toList();
    String detail =
        errors.isEmpty()
            ? response.reason()
            : errors.stream().map(Problem.FieldError::message).collect(Collectors.joining("; "));
    return new Problem("about:blank", response.reason(), response.code(), detail, errors);
  }

  @Override
  public String contentType() {
    return "application/problem+json";
  }
}
