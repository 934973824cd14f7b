package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import io.micronaut.web.router.Router;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.yaml.snakeyaml.Yaml;

/**
 * The OpenAPI spec ({@code META-INF/swagger/ragops.yml}, written by hand) against the routes the
 * running server registers: a route added, removed or renamed in any module without the spec fails
 * here, and so does a spec operation that no route serves.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiSpecTest {

  private static final String SPEC = "META-INF/swagger/ragops.yml";
  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options");

  /** An optional path segment in a route template, e.g. {@code /health{/selector}}. */
  private static final Pattern OPTIONAL_SEGMENT = Pattern.compile("\\{/([^}]+)}");

  /** A query-variable part of a route template, e.g. {@code {?limit}}. */
  private static final Pattern QUERY_PART = Pattern.compile("\\{[?&][^}]*}");

  private ApplicationContext context;
  private ApiClient api;

  @BeforeAll
  void start() throws IOException {
    context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "ragops.data-dir",
                    Files.createTempDirectory("ragops-openapi").toString(),
                    "ragops.auth.enabled",
                    true,
                    "ragops.auth.admin-key",
                    "test-admin-key-0123456789abcdef"))
            .start();
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
  }

  @AfterAll
  void stop() {
    context.close();
  }

  @Test
  void specDescribesExactlyTheRoutesTheServerServes() throws IOException {
    var registered = new TreeSet<String>();
    context
        .getBean(Router.class)
        .uriRoutes()
        .forEach(route ->
            registered.addAll(
                operations(route.getHttpMethodName(), route.getUriMatchTemplate().toString())));

    // Micronaut answers HEAD for every GET by itself
    registered.removeIf(operation ->
        operation.startsWith("HEAD ")
            && registered.contains("GET " + operation.substring("HEAD ".length())));
    var documented = documentedOperations();

    assertThat(documented)
        .as("operations in %s that no route serves", SPEC)
        .containsAll(registered);
    assertThat(registered)
        .as("routes the server serves that %s does not describe", SPEC)
        .containsAll(documented);
  }

  @Test
  void servesTheSpecAndABrowsablePageWithoutAKey() {
    var spec = api.get("/swagger/ragops.yml");
    assertThat(spec.statusCode()).isEqualTo(200);
    assertThat(spec.body()).startsWith("openapi: 3.");

    var page = api.get("/docs/index.html");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("/swagger/ragops.yml").contains("/swagger-ui/");
    assertThat(api.get("/docs").statusCode()).isEqualTo(200);

    for (String asset : List.of("swagger-ui-bundle.js", "swagger-ui.css")) {
      assertThat(api.get("/swagger-ui/" + asset).statusCode()).as(asset).isEqualTo(200);
    }
  }

  @SuppressWarnings("unchecked")
  private static Set<String> documentedOperations() throws IOException {
    try (InputStream in = OpenApiSpecTest.class.getClassLoader().getResourceAsStream(SPEC)) {
      assertThat(in).as(SPEC).isNotNull();
      Map<String, Object> spec = new Yaml().load(in);
      var operations = new TreeSet<String>();
      ((Map<String, Map<String, Object>>) spec.get("paths"))
          .forEach((path, item) ->
              item.keySet().stream()
                  .filter(METHODS::contains)
                  .forEach(method -> operations.add(method.toUpperCase() + " " + path)));
      return operations;
    }
  }

  /** "METHOD /path" for a route, with optional segments expanded and query parts removed. */
  private static List<String> operations(String method, String template) {
    String path = QUERY_PART.matcher(template).replaceAll("");
    var matcher = OPTIONAL_SEGMENT.matcher(path);
    if (matcher.find()) {
      return List.of(
          method + " " + matcher.replaceAll(""), method + " " + matcher.replaceAll("/{$1}"));
    }
    return List.of(method + " " + path);
  }
}
