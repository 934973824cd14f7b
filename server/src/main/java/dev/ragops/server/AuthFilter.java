package dev.ragops.server;

import dev.ragops.server.AccessPolicy.AnyActionOn;
import dev.ragops.server.AccessPolicy.AnyKey;
import dev.ragops.server.AccessPolicy.Holds;
import dev.ragops.server.AccessPolicy.OnCollection;
import dev.ragops.server.AccessPolicy.OnJob;
import dev.ragops.server.AccessPolicy.Public;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micronaut.context.annotation.Requires;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.core.order.Ordered;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.annotation.RequestFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.http.filter.ServerFilterPhase;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks every request's API key ({@code Authorization: Bearer <key>}) against what its route needs
 * ({@link AccessPolicy}), then the key's rate limit. Present only when {@code ragops.auth.enabled}
 * is true.
 */
@ServerFilter(ServerFilter.MATCH_ALL_PATTERN)
@Requires(property = "ragops.auth.enabled", value = "true")
final class AuthFilter implements Ordered {

  /** The request attribute holding the {@link ApiKey} that was accepted. */
  static final String KEY_ATTRIBUTE = "ragops.api-key";

  private static final String BEARER = "Bearer ";

  private final KeyResolver keys;
  private final RateLimiter rateLimiter;
  private final JobCollections jobs;
  private final Map<AccessDeniedException.Reason, Counter> denied =
      new EnumMap<>(AccessDeniedException.Reason.class);

  AuthFilter(
      KeyResolver keys,
      RateLimiter rateLimiter,
      JobCollections jobs,
      @Nullable MeterRegistry registry) {
    this.keys = keys;
    this.rateLimiter = rateLimiter;
    this.jobs = jobs;
    MeterRegistry meters = registry == null ? new SimpleMeterRegistry() : registry;
    for (var reason : AccessDeniedException.Reason.values()) {
      denied.put(
          reason,
          Counter.builder("ragops.auth.denied")
              .description("Requests refused for want of a key, a scope or rate")
              .tag("reason", reason.name().toLowerCase(Locale.ROOT))
              .register(meters));
    }
  }

  @RequestFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  void authenticate(HttpRequest<?> request) {
    try {
      check(request);
    } catch (AccessDeniedException e) {
      denied.get(e.reason()).increment();
      throw e;
    }
  }

  private void check(HttpRequest<?> request) {
    var requirement = AccessPolicy.of(request.getMethodName(), request.getPath());
    if (requirement instanceof Public) {
      return;
    }
    ApiKey key =
        presented(request)
            .flatMap(keys::resolve)
            .orElseThrow(() ->
                AccessDeniedException.unauthenticated(
                    "this request needs an API key: send 'Authorization: Bearer <key>' with an"
                        + " active key"));
    if (!rateLimiter.tryAcquire(key.id())) {
      throw AccessDeniedException.rateLimited(
          "key '" + key.name() + "' is over its rate limit (ragops.auth.rate-limit-per-second)");
    }
    if (!permits(key, requirement)) {
      throw AccessDeniedException.forbidden(
          "key '" + key.name() + "' may not do this: it needs " + describe(requirement));
    }
    request.setAttribute(KEY_ATTRIBUTE, key);
  }

  private boolean permits(ApiKey key, AccessPolicy.Requirement requirement) {
    return switch (requirement) {
      case Public p -> true;
      case AnyKey a -> true;
      case OnCollection on -> key.allows(on.action(), on.collection());
      case AnyActionOn any -> key.coversAnyAction(any.collection());
      case Holds holds -> key.holds(holds.action());
      case OnJob job ->
          key.allows(job.action(), null)
              || (key.holds(job.action())
                  && jobs.collectionOf(job.jobId())
                      // no such job: the route answers 404 and shows nothing
                      .map(collection -> key.allows(job.action(), collection))
                      .orElse(true));
    };
  }

  private static String describe(AccessPolicy.Requirement requirement) {
    return switch (requirement) {
      case OnCollection on ->
          on.action().label()
              + " on "
              + (on.collection() == null ? "all collections (*)" : "'" + on.collection() + "'");
      case AnyActionOn any ->
          any.collection() == null
              ? "a key for all collections (*)"
              : "a key for '" + any.collection() + "'";
      case Holds holds -> holds.action().label();
      case OnJob job -> job.action().label() + " on the job's collection";
      default -> "an active key";
    };
  }

  private static Optional<String> presented(HttpRequest<?> request) {
    return request
        .getHeaders()
        .findFirst(HttpHeaders.AUTHORIZATION)
        .filter(value -> value.regionMatches(true, 0, BEARER, 0, BEARER.length()))
        .map(value -> value.substring(BEARER.length()).strip())
        .filter(secret -> !secret.isEmpty());
  }

  @Override
  public int getOrder() {
    return ServerFilterPhase.SECURITY.order();
  }
}
