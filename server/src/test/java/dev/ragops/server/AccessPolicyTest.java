package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.server.AccessPolicy.AnyActionOn;
import dev.ragops.server.AccessPolicy.AnyKey;
import dev.ragops.server.AccessPolicy.Holds;
import dev.ragops.server.AccessPolicy.OnCollection;
import dev.ragops.server.AccessPolicy.OnJob;
import dev.ragops.server.AccessPolicy.Public;
import java.time.Instant;
import java.util.Set;
import org.junit.jupiter.api.Test;

class AccessPolicyTest {

  @Test
  void mapsEachRouteToTheActionAndCollectionItNeeds() {
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/search"))
        .isEqualTo(new OnCollection(Action.SEARCH, "docs"));
    assertThat(AccessPolicy.of("GET", "/v1/collections/docs/queries"))
        .isEqualTo(new OnCollection(Action.SEARCH, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/documents"))
        .isEqualTo(new OnCollection(Action.INGEST, "docs"));
    assertThat(AccessPolicy.of("DELETE", "/v1/collections/docs/documents/abc"))
        .isEqualTo(new OnCollection(Action.INGEST, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/documents/abc:retry"))
        .isEqualTo(new OnCollection(Action.INGEST, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/evals"))
        .isEqualTo(new OnCollection(Action.EVAL, "docs"));
    assertThat(AccessPolicy.of("GET", "/v1/collections/docs/evals/1/compare"))
        .isEqualTo(new OnCollection(Action.EVAL, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/datasets/gold/cases:fromQueries"))
        .isEqualTo(new OnCollection(Action.EVAL, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/datasets:import"))
        .isEqualTo(new OnCollection(Action.EVAL, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/traces"))
        .isEqualTo(new OnCollection(Action.SEARCH, "docs"));
    assertThat(AccessPolicy.of("GET", "/v1/collections/docs/traces"))
        .isEqualTo(new OnCollection(Action.EVAL, "docs"));
    assertThat(AccessPolicy.of("GET", "/v1/collections/docs/tunings/1"))
        .isEqualTo(new OnCollection(Action.EVAL, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/evals:tune"))
        .isEqualTo(new OnCollection(Action.ADMIN, "docs"));
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/index:rebuild"))
        .isEqualTo(new OnCollection(Action.ADMIN, "docs"));
    assertThat(AccessPolicy.of("DELETE", "/v1/collections/docs"))
        .isEqualTo(new OnCollection(Action.ADMIN, "docs"));
    assertThat(AccessPolicy.of("GET", "/v1/collections/docs")).isEqualTo(new AnyActionOn("docs"));
    assertThat(AccessPolicy.of("GET", "/v1/collections")).isEqualTo(new AnyActionOn(null));
    assertThat(AccessPolicy.of("POST", "/v1/collections"))
        .isEqualTo(new OnCollection(Action.ADMIN, null));
    assertThat(AccessPolicy.of("GET", "/v1/jobs/123")).isEqualTo(new OnJob(Action.INGEST, "123"));
    assertThat(AccessPolicy.of("POST", "/v1/keys")).isEqualTo(new OnCollection(Action.ADMIN, null));
    assertThat(AccessPolicy.of("DELETE", "/v1/keys/1"))
        .isEqualTo(new OnCollection(Action.ADMIN, null));
    assertThat(AccessPolicy.of("POST", "/v1/faithfulness")).isEqualTo(new Holds(Action.EVAL));
    assertThat(AccessPolicy.of("POST", "/v1/embeddings")).isEqualTo(new AnyKey());
  }

  @Test
  void healthMetricsDocsAndPreflightsArePublic() {
    for (String path :
        new String[] {
          "/health",
          "/health/readiness",
          "/prometheus",
          "/docs",
          "/docs/index.html",
          "/swagger/ragops.yml",
          "/swagger-ui/swagger-ui.css"
        }) {
      assertThat(AccessPolicy.of("GET", path)).as(path).isEqualTo(new Public());
    }
    assertThat(AccessPolicy.of("OPTIONS", "/v1/collections/docs/search")).isEqualTo(new Public());
  }

  @Test
  void unknownAndLookalikePathsNeedAnAdminKeyForEverything() {
    var adminEverywhere = new OnCollection(Action.ADMIN, null);
    for (String path :
        new String[] {
          "/",
          "/healthz",
          "/docsx",
          "/v2/collections/docs/search",
          "/v1/whatever",
          "/v1//collections/docs/search",
          "/v1/jobs"
        }) {
      assertThat(AccessPolicy.of("GET", path)).as(path).isEqualTo(adminEverywhere);
    }
    assertThat(AccessPolicy.of("POST", "/v1/collections/docs/something-new"))
        .isEqualTo(new OnCollection(Action.ADMIN, "docs"));
    assertThat(AccessPolicy.of("POST", "/V1/Collections/Docs/Search"))
        .as("case is folded before the decision, never used to dodge it")
        .isEqualTo(new OnCollection(Action.SEARCH, "docs"));
  }

  @Test
  void keysAreScopedToTheirCollectionsAndActionsAndAdminIncludesTheRest() {
    var searcher = key(Set.of("a"), Set.of(Action.SEARCH));
    assertThat(searcher.allows(Action.SEARCH, "a")).isTrue();
    assertThat(searcher.allows(Action.SEARCH, "b")).isFalse();
    assertThat(searcher.allows(Action.INGEST, "a")).isFalse();
    assertThat(searcher.allows(Action.SEARCH, null)).as("all collections").isFalse();
    assertThat(searcher.coversAnyAction("a")).isTrue();
    assertThat(searcher.coversAnyAction("b")).isFalse();

    var tenantAdmin = key(Set.of("a"), Set.of(Action.ADMIN));
    assertThat(tenantAdmin.allows(Action.INGEST, "a")).isTrue();
    assertThat(tenantAdmin.allows(Action.ADMIN, null)).isFalse();

    var global = key(Set.of("*"), Set.of(Action.EVAL));
    assertThat(global.allows(Action.EVAL, "anything")).isTrue();
    assertThat(global.allows(Action.EVAL, null)).isTrue();
    assertThat(global.allows(Action.SEARCH, "anything")).isFalse();
  }

  @Test
  void storesOnlyAHashAndShowsOnlyAPrefix() {
    String secret = ApiKey.newSecret();
    assertThat(secret).startsWith("rgk_").hasSize(4 + 43);
    assertThat(ApiKey.hash(secret)).hasSize(64).doesNotContain(secret.substring(4, 12));
    assertThat(ApiKey.displayPrefix(secret)).isEqualTo(secret.substring(0, 10));
    assertThat(ApiKey.newSecret()).isNotEqualTo(secret);
  }

  private static ApiKey key(Set<String> collections, Set<Action> actions) {
    return new ApiKey("id", "name", "rgk_abc", collections, actions, Instant.EPOCH);
  }
}
