package dev.ragops.server;

import java.util.Locale;
import java.util.Set;

/**
 * Which key a request needs, from its method and path alone. Anything not listed needs an admin key
 * for every collection, so a new route is closed until it is mapped here.
 *
 * <table>
 *   <caption>Routes and what they need</caption>
 *   <tr><th>route</th><th>needs</th></tr>
 *   <tr><td>{@code /health/**}, {@code /prometheus}, {@code /docs}, {@code /swagger/**},
 *       {@code /swagger-ui/**}, any {@code OPTIONS}</td><td>nothing</td></tr>
 *   <tr><td>{@code POST /v1/collections}, {@code /v1/keys/**}</td><td>admin on {@code *}</td></tr>
 *   <tr><td>{@code GET /v1/collections}</td><td>any action on {@code *}</td></tr>
 *   <tr><td>{@code GET /v1/collections/{c}}</td><td>any action on c</td></tr>
 *   <tr><td>{@code DELETE /v1/collections/{c}}, {@code …/{c}/index:rebuild}</td>
 *       <td>admin on c</td></tr>
 *   <tr><td>{@code …/{c}/search}, {@code …/{c}/queries}</td><td>search on c</td></tr>
 *   <tr><td>{@code …/{c}/documents/**}</td><td>ingest on c</td></tr>
 *   <tr><td>{@code …/{c}/evals/**}, {@code …/{c}/datasets/**}, {@code …/{c}/datasets:import},
 *       {@code …/{c}/faithfulness/**}, {@code …/{c}/tunings/**}, {@code …/{c}/timeline},
 *       {@code GET …/{c}/traces}</td>
 *       <td>eval on c</td></tr>
 *   <tr><td>{@code POST …/{c}/traces}</td><td>search on c</td></tr>
 *   <tr><td>{@code …/{c}/evals:tune}</td><td>admin on c (it may change the defaults)</td></tr>
 *   <tr><td>{@code …/{c}/generations/**}, {@code …/{c}/schedules/**}, {@code PATCH …/{c}}</td>
 *       <td>admin on c</td></tr>
 *   <tr><td>{@code /v1/jobs/{id}/**}</td><td>ingest on the job's collection</td></tr>
 *   <tr><td>{@code /v1/evals/**}</td><td>eval on {@code *}</td></tr>
 *   <tr><td>{@code /v1/faithfulness/**}</td><td>eval on some collection</td></tr>
 *   <tr><td>{@code /v1/embeddings}</td><td>any valid key</td></tr>
 * </table>
 */
final class AccessPolicy {

  /** What a request needs. */
  sealed interface Requirement {}

  /** No key. */
  record Public() implements Requirement {}

  /** Any active key. */
  record AnyKey() implements Requirement {}

  /** {@code action} on {@code collection}; a null collection means every collection ({@code *}). */
  record OnCollection(Action action, String collection) implements Requirement {}

  /** Any action on {@code collection} (null: on every collection). */
  record AnyActionOn(String collection) implements Requirement {}

  /** {@code action} on at least one collection: the route reads no collection's data. */
  record Holds(Action action) implements Requirement {}

  /** {@code action} on the collection of job {@code jobId}. */
  record OnJob(Action action, String jobId) implements Requirement {}

  private static final Set<String> PUBLIC_PREFIXES =
      Set.of("/health", "/prometheus", "/docs", "/swagger", "/swagger-ui");

  private static final Requirement ADMIN_EVERYWHERE = new OnCollection(Action.ADMIN, null);

  private AccessPolicy() {}

  static Requirement of(String method, String rawPath) {
    if (method.equals("OPTIONS")) {
      return new Public();
    }
    String path = rawPath.toLowerCase(Locale.ROOT);
    int second = path.indexOf('/', 1);
    if (PUBLIC_PREFIXES.contains(second < 0 ? path : path.substring(0, second))) {
      return new Public();
    }
    if (!path.startsWith("/v1/")) {
      return ADMIN_EVERYWHERE;
    }
    String[] parts = path.substring("/v1/".length()).split("/");
    return switch (parts[0]) {
      case "collections" -> collections(method, parts);
      case "jobs" -> parts.length >= 2 ? new OnJob(Action.INGEST, parts[1]) : ADMIN_EVERYWHERE;
      case "evals" -> new OnCollection(Action.EVAL, null);
      case "faithfulness" -> new Holds(Action.EVAL);
      case "embeddings" -> new AnyKey();
      default -> ADMIN_EVERYWHERE;
    };
  }

  private static Requirement collections(String method, String[] parts) {
    if (parts.length == 1) {
      return method.equals("GET") || method.equals("HEAD")
          ? new AnyActionOn(null)
          : ADMIN_EVERYWHERE;
    }
    String collection = parts[1];
    if (parts.length == 2) {
      return method.equals("GET") || method.equals("HEAD")
          ? new AnyActionOn(collection)
          : new OnCollection(Action.ADMIN, collection);
    }
    Action action =
        switch (parts[2]) {
          case "search", "queries" -> Action.SEARCH;
          case "documents" -> Action.INGEST;
          case "evals", "faithfulness", "datasets", "datasets:import", "tunings", "timeline" ->
              Action.EVAL;
          // applications that search report their answers; reading traces is evaluation
          case "traces" -> method.equals("POST") ? Action.SEARCH : Action.EVAL;
          default -> Action.ADMIN;
        };
    return new OnCollection(action, collection);
  }
}
