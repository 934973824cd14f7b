package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.Helm;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * Lints the Helm chart {@code charts/ragops} and renders it with the default and the GPU values,
 * with Helm itself (helm-java bundles it as a native library), no cluster needed.
 */
class HelmChartTest {

  private static final Path CHART = Path.of("..", "charts", "ragops");

  /** Helm's offline default is 1.20; the chart needs 1.23 (autoscaling/v2). */
  private static final String KUBE_VERSION = "1.30.0";

  private static final List<String> ROLES = List.of("api", "worker", "embedder");

  @Test
  void passesStrictLint() {
    var result = new Helm(CHART).lint().strict().call();

    assertThat(result.isFailed()).as("%s", result.getMessages()).isFalse();
  }

  @Test
  void runsEachRoleAsItsOwnDeploymentOfOnePinnedImage() {
    var rendered = render(t -> t);

    assertThat(rendered.names("Deployment"))
        .containsExactlyInAnyOrder("rel-ragops-api", "rel-ragops-worker", "rel-ragops-embedder");
    for (String role : ROLES) {
      var deployment = rendered.one("Deployment", "rel-ragops-" + role);
      var container = container(deployment);
      assertThat(env(container)).containsEntry("RAGOPS_ROLE", role);
      assertThat((String) container.get("image"))
          .isEqualTo("ghcr.io/ragops/ragops:0.1.0")
          .doesNotEndWith(":latest");
      assertThat(at(deployment, "spec", "selector", "matchLabels", "app.kubernetes.io/component"))
          .isEqualTo(role);
      assertThat(at(deployment, "spec", "template", "spec", "securityContext", "runAsNonRoot"))
          .isEqualTo(true);
    }
    assertThat(env(container(rendered.one("Deployment", "rel-ragops-worker"))))
        .containsEntry("RAGOPS_INGEST_WORKERS", "4");
  }

  @Test
  void readsTheDatabaseAndAdminKeyFromSecrets() {
    var rendered = render(t -> t);

    for (String role : ROLES) {
      var container = container(rendered.one("Deployment", "rel-ragops-" + role));
      assertThat(secretRef(container, "RAGOPS_DATABASE_URL"))
          .isEqualTo(Map.of("name", "ragops-database", "key", "url"));
      assertThat(secretRef(container, "RAGOPS_DATABASE_USER"))
          .isEqualTo(Map.of("name", "ragops-database", "key", "username"));
      assertThat(secretRef(container, "RAGOPS_DATABASE_PASSWORD"))
          .isEqualTo(Map.of("name", "ragops-database", "key", "password"));
      assertThat(secretRef(container, "RAGOPS_ADMIN_KEY"))
          .isEqualTo(Map.of("name", "ragops-auth", "key", "admin-key"));
    }
    assertThat(rendered.names("Secret")).as("the chart never holds credentials").isEmpty();
  }

  @Test
  void probesWaitForTheLuceneIndexBeforeReadiness() {
    var rendered = render(t -> t);

    for (String role : ROLES) {
      var container = container(rendered.one("Deployment", "rel-ragops-" + role));
      assertThat(at(container, "readinessProbe", "httpGet", "path")).isEqualTo("/health/readiness");
      assertThat(at(container, "livenessProbe", "httpGet", "path")).isEqualTo("/health/liveness");
      assertThat(at(container, "startupProbe", "httpGet", "path")).isEqualTo("/health/liveness");
      assertThat(at(container, "readinessProbe", "httpGet", "port")).isEqualTo("http");
    }
  }

  @Test
  void defaultValuesRunTheEmbedderOnCpuAnywhere() {
    var embedder = rendered().one("Deployment", "rel-ragops-embedder");
    var container = container(embedder);

    assertThat(at(container, "resources", "limits")).isEqualTo(Map.of("memory", "4Gi"));
    assertThat(env(container)).doesNotContainKey("RAGOPS_EMBEDDER_DEVICE");
    assertThat(podSpec(embedder)).doesNotContainKeys("nodeSelector", "tolerations");
  }

  @Test
  void gpuValuesGiveOnlyTheEmbedderGpusNodeSelectorAndTolerations() {
    var rendered = render(t -> t.withValuesFile(CHART.resolve("values-gpu.yaml")));

    var embedder = rendered.one("Deployment", "rel-ragops-embedder");
    var container = container(embedder);
    assertThat(at(container, "resources", "limits", "nvidia.com/gpu")).isEqualTo(1);
    assertThat((String) container.get("image")).isEqualTo("ghcr.io/ragops/ragops:0.1.0-gpu");
    assertThat(env(container)).containsEntry("RAGOPS_EMBEDDER_DEVICE", "cuda");
    assertThat(podSpec(embedder).get("nodeSelector"))
        .isEqualTo(Map.of("nvidia.com/gpu.present", "true"));
    assertThat(podSpec(embedder).get("tolerations"))
        .isEqualTo(
            List.of(Map.of("key", "nvidia.com/gpu", "operator", "Exists", "effect", "NoSchedule")));
    for (String role : List.of("api", "worker")) {
      var other = rendered.one("Deployment", "rel-ragops-" + role);
      assertThat(at(container(other), "resources", "limits")).isEqualTo(Map.of("memory", "4Gi"));
      assertThat(podSpec(other)).doesNotContainKeys("nodeSelector", "tolerations");
      assertThat((String) container(other).get("image")).endsWith(":0.1.0");
    }
  }

  @Test
  void autoscalesApiAndWorkersAndKeepsThemAvailableDuringDrains() {
    var rendered = render(t -> t);

    assertThat(rendered.names("HorizontalPodAutoscaler"))
        .containsExactlyInAnyOrder("rel-ragops-api", "rel-ragops-worker");
    var hpa = rendered.one("HorizontalPodAutoscaler", "rel-ragops-api");
    assertThat(at(hpa, "spec", "scaleTargetRef", "name")).isEqualTo("rel-ragops-api");
    assertThat(at(hpa, "spec", "minReplicas")).isEqualTo(2);
    assertThat(at(rendered.one("Deployment", "rel-ragops-api"), "spec"))
        .as("an autoscaled Deployment leaves replicas to the HPA")
        .asInstanceOf(org.assertj.core.api.InstanceOfAssertFactories.MAP)
        .doesNotContainKey("replicas");
    assertThat(at(rendered.one("Deployment", "rel-ragops-embedder"), "spec", "replicas"))
        .isEqualTo(1);

    assertThat(rendered.names("PodDisruptionBudget"))
        .containsExactlyInAnyOrder("rel-ragops-api", "rel-ragops-worker");
    var pdb = rendered.one("PodDisruptionBudget", "rel-ragops-api");
    assertThat(at(pdb, "spec", "minAvailable")).isEqualTo(1);
    assertThat(at(pdb, "spec", "selector", "matchLabels", "app.kubernetes.io/component"))
        .isEqualTo("api");
  }

  @Test
  void addsAServiceMonitorOnlyWhenEnabled() {
    assertThat(rendered().names("ServiceMonitor")).isEmpty();

    var rendered = render(t -> t.set("serviceMonitor.enabled", "true"));
    var monitor = rendered.one("ServiceMonitor", "rel-ragops");
    @SuppressWarnings("unchecked")
    var endpoint = ((List<Map<String, Object>>) at(monitor, "spec", "endpoints")).getFirst();
    assertThat(endpoint).containsEntry("path", "/prometheus").containsEntry("port", "http");
    assertThat(rendered.names("Service"))
        .containsExactlyInAnyOrder("rel-ragops-api", "rel-ragops-worker", "rel-ragops-embedder");
  }

  @Test
  void exportsTracesFromEveryRoleOnlyWhenACollectorIsSet() {
    for (String role : ROLES) {
      assertThat(env(container(rendered().one("Deployment", "rel-ragops-" + role))))
          .doesNotContainKey("OTEL_EXPORTER_OTLP_ENDPOINT");
    }

    var rendered =
        render(t ->
            t.set("tracing.endpoint", "http://otel-collector:4318")
                .set("tracing.samplingRatio", "0.25"));
    for (String role : ROLES) {
      assertThat(env(container(rendered.one("Deployment", "rel-ragops-" + role))))
          .containsEntry("OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector:4318")
          .containsEntry("OTEL_SERVICE_NAME", "ragops")
          .containsEntry("RAGOPS_TRACING_SAMPLING_RATIO", "0.25")
          .containsEntry("RAGOPS_ROLE", role);
    }
  }

  @Test
  void embedderRoleCanBeTurnedOff() {
    var rendered = render(t -> t.set("embedder.enabled", "false"));

    assertThat(rendered.names("Deployment"))
        .containsExactlyInAnyOrder("rel-ragops-api", "rel-ragops-worker");
    assertThat(rendered.names("Service")).doesNotContain("rel-ragops-embedder");
  }

  @Test
  void refusesToRenderWithoutADatabaseSecret() {
    assertThatThrownBy(() -> render(t -> t.set("database.existingSecret", "")))
        .hasMessageContaining("database.existingSecret");
  }

  @Test
  void valuesKeysAreCamelCaseAndEveryBlockIsCommented() throws IOException {
    String text = Files.readString(CHART.resolve("values.yaml"));
    Map<String, Object> values = new Yaml().load(text);

    assertThat(keysOutsideFreeFormMaps("", values))
        .allSatisfy(key -> assertThat(key).matches("([a-z][a-zA-Z0-9]*\\.?)+"));
    for (String topLevel : values.keySet()) {
      int line = text.indexOf("\n" + topLevel + ":");
      assertThat(text.substring(0, Math.max(line, 0)).stripTrailing())
          .as("values.yaml documents %s in a comment above it", topLevel)
          .matches("(?s).*#[^\n]*");
    }
  }

  private static List<String> keysOutsideFreeFormMaps(String prefix, Map<String, Object> map) {
    var freeForm = Set.of("resources", "nodeSelector", "affinity", "labels", "podSecurityContext");
    var keys = new ArrayList<String>();
    map.forEach((key, value) -> {
      keys.add(prefix + key);
      if (value instanceof Map<?, ?> nested && !freeForm.contains(key)) {
        @SuppressWarnings("unchecked")
        var child = (Map<String, Object>) nested;
        keys.addAll(keysOutsideFreeFormMaps(prefix + key + ".", child));
      }
    });
    return keys;
  }

  // --- rendering and navigation

  private static Rendered rendered() {
    return render(t -> t);
  }

  private static Rendered render(UnaryOperator<TemplateCommand> options) {
    String yaml =
        options
            .apply(new Helm(CHART).template().withName("rel").withKubeVersion(KUBE_VERSION))
            .call();
    var objects = new ArrayList<Map<String, Object>>();
    for (Object document : new Yaml().loadAll(yaml)) {
      if (document instanceof Map<?, ?> map) {
        @SuppressWarnings("unchecked")
        var object = (Map<String, Object>) map;
        objects.add(object);
      }
    }
    return new Rendered(objects);
  }

  private record Rendered(List<Map<String, Object>> objects) {

    List<String> names(String kind) {
      return objects.stream()
          .filter(o -> kind.equals(o.get("kind")))
          .map(o -> (String) at(o, "metadata", "name"))
          .toList();
    }

    Map<String, Object> one(String kind, String name) {
      var matches =
          objects.stream()
              .filter(o -> kind.equals(o.get("kind")) && name.equals(at(o, "metadata", "name")))
              .toList();
      assertThat(matches).as("%s %s in %s", kind, name, objects).hasSize(1);
      return matches.getFirst();
    }
  }

  @SuppressWarnings("unchecked")
  private static Object at(Map<String, Object> object, String... path) {
    Object current = object;
    for (String key : path) {
      assertThat(current).as("%s in %s", key, object).isInstanceOf(Map.class);
      current = ((Map<String, Object>) current).get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> podSpec(Map<String, Object> deployment) {
    return (Map<String, Object>) at(deployment, "spec", "template", "spec");
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> container(Map<String, Object> deployment) {
    var containers = (List<Map<String, Object>>) podSpec(deployment).get("containers");
    assertThat(containers).hasSize(1);
    return containers.getFirst();
  }

  @SuppressWarnings("unchecked")
  private static Map<String, String> env(Map<String, Object> container) {
    var values = new java.util.LinkedHashMap<String, String>();
    for (var variable : (List<Map<String, Object>>) container.get("env")) {
      values.put((String) variable.get("name"), Objects.toString(variable.get("value"), null));
    }
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Object secretRef(Map<String, Object> container, String name) {
    return ((List<Map<String, Object>>) container.get("env"))
        .stream()
            .filter(v -> name.equals(v.get("name")))
            .findFirst()
            .map(v -> at(v, "valueFrom", "secretKeyRef"))
            .orElse(null);
  }
}
