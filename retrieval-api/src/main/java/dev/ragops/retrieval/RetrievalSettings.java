package dev.ragops.retrieval;

import dev.ragops.model.FilterSyntax;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Singleton;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.io.IOException;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Turns the settings a {@link dev.ragops.model.Retriever} caller passes (the search API's options
 * as a map) into a checked {@link SearchRequest}, with the same rules and messages as the search
 * endpoint.
 */
@Singleton
final class RetrievalSettings {

  /** The search options a caller may set; {@code query}, {@code k} and paging are not settings. */
  static final Set<String> KEYS =
      Set.of(
          "mode", "fusion", "rrfK", "weights", "normalization", "candidates", "filter", "rerank");

  private final JsonMapper json;
  private final Validator validator;

  RetrievalSettings(JsonMapper json, Validator validator) {
    this.json = json;
    this.validator = validator;
  }

  /**
   * A search for {@code query} returning {@code k} hits with {@code settings}.
   *
   * @throws IllegalArgumentException naming the unknown key or the invalid value
   */
  SearchRequest request(String query, int k, Map<String, Object> settings) {
    Map<String, Object> body = new LinkedHashMap<>();
    for (var entry : settings.entrySet()) {
      if (!KEYS.contains(entry.getKey())) {
        throw new IllegalArgumentException(
            "unknown setting '" + entry.getKey() + "'; known: " + KEYS.stream().sorted().toList());
      }
      if (entry.getValue() != null) {
        body.put(entry.getKey(), entry.getValue());
      }
    }
    body.put("query", query);
    body.put("k", k);
    SearchRequest request;
    try {
      request = json.readValue(json.writeValueAsBytes(body), SearchRequest.class);
    } catch (IOException | RuntimeException e) {
      throw new IllegalArgumentException("settings are not valid: " + e.getMessage(), e);
    }
    var violation =
        validator.validate(request).stream()
            .min(Comparator.comparing(v -> v.getPropertyPath().toString()))
            .map(RetrievalSettings::describe);
    if (violation.isPresent()) {
      throw new IllegalArgumentException(violation.get());
    }
    FilterSyntax.parse(request.filter());
    return request;
  }

  /**
   * {@code request} with each of {@code defaults} that it leaves unset.
   *
   * @throws IllegalStateException if the defaults are not valid settings (they are checked when
   *     they are stored)
   */
  SearchRequest withDefaults(SearchRequest request, Map<String, Object> defaults) {
    try {
      Map<String, Object> body =
          new LinkedHashMap<>(json.readValue(json.writeValueAsBytes(request), Map.class));
      defaults.forEach((key, value) -> {
        if (KEYS.contains(key) && body.get(key) == null) {
          body.put(key, value);
        }
      });
      return json.readValue(json.writeValueAsBytes(body), SearchRequest.class);
    } catch (IOException e) {
      throw new IllegalStateException("the collection's search defaults are not valid", e);
    }
  }

  private static String describe(ConstraintViolation<SearchRequest> violation) {
    String path = violation.getPropertyPath().toString();
    String message = violation.getMessage();
    return message.startsWith(path) ? message : path + ": " + message;
  }
}
