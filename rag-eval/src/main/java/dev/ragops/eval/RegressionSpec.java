package dev.ragops.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.YAMLException;

/**
 * A regression spec: what to run and what it must score, as YAML.
 *
 * <pre>{@code
 * name: cranfield-bge-small          # optional, defaults to the file name
 * dataset: cranfield                 # optional; must match the dataset directory's name
 * settings:                          # optional
 *   modes: [keyword, vector, hybrid] # default: the modes named under expected
 *   depth: 100                       # documents per query that are scored (default 100)
 *   rrfK: 60                         # passed to the search API when set
 *   candidates: 100                  # passed to the search API when set
 * expected:                          # mode -> metric -> value
 *   keyword: {ndcg@10: 0.412, recall@100: 0.83}
 * tolerance:                         # metric -> allowed absolute difference
 *   ndcg@10: 0.005
 *   recall@100: 0.01
 * }</pre>
 *
 * Every metric under {@code expected} needs a tolerance. See {@link Verdict} for the check.
 */
record RegressionSpec(
    String name,
    String dataset,
    Settings settings,
    Map<String, Map<Metric, Double>> expected,
    Map<Metric, Double> tolerance) {

  static final Set<String> MODES = Set.of("keyword", "vector", "hybrid");

  /**
   * @param modes the search modes to run
   * @param depth documents per query kept after collapsing chunks to documents
   * @param rrfK the RRF constant for hybrid mode, or null for the server's default
   * @param candidates chunks per leg before fusion, or null for the server's default
   */
  record Settings(List<String> modes, int depth, Integer rrfK, Integer candidates) {

    static final int DEFAULT_DEPTH = 100;

    Settings {
      modes = List.copyOf(modes);
      for (String mode : modes) {
        if (!MODES.contains(mode)) {
          throw new IllegalArgumentException(
              "unknown mode '" + mode + "'; modes are keyword, vector, hybrid");
        }
      }
      if (modes.isEmpty()) {
        throw new IllegalArgumentException("at least one mode is needed");
      }
      if (depth < 1 || depth > 1000) {
        throw new IllegalArgumentException("depth must be 1..1000, got " + depth);
      }
    }

    static Settings defaults() {
      return new Settings(List.of("keyword", "vector", "hybrid"), DEFAULT_DEPTH, null, null);
    }

    Settings withModes(List<String> newModes) {
      return new Settings(newModes, depth, rrfK, candidates);
    }
  }

  /** One expectation checked: mode, metric, the values and the verdict. */
  record Check(
      String mode,
      Metric metric,
      double actual,
      double expected,
      double tolerance,
      Verdict verdict) {}

  static RegressionSpec load(Path file) {
    try {
      String name = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
      return parse(Files.readString(file), name);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read spec " + file, e);
    }
  }

  /**
   * Parses a spec.
   *
   * @throws IllegalArgumentException saying which part is malformed
   */
  static RegressionSpec parse(String yaml, String defaultName) {
    Object root;
    try {
      root = new Yaml(new SafeConstructor(new LoaderOptions())).load(yaml);
    } catch (YAMLException e) {
      throw new IllegalArgumentException("spec is not valid YAML: " + e.getMessage());
    }
    Map<String, Object> spec = map(root, "the spec");
    requireOnly(spec, "the spec", Set.of("name", "dataset", "settings", "expected", "tolerance"));
    Map<String, Map<Metric, Double>> expected = new LinkedHashMap<>();
    map(spec.get("expected"), "expected")
        .forEach((mode, metrics) -> {
          if (!MODES.contains(mode)) {
            throw new IllegalArgumentException("expected: unknown mode '" + mode + "'");
          }
          expected.put(mode, metricValues(metrics, "expected." + mode));
        });
    if (expected.isEmpty()) {
      throw new IllegalArgumentException("expected: no values to check");
    }
    Map<Metric, Double> tolerance = metricValues(spec.get("tolerance"), "tolerance");
    for (var metrics : expected.values()) {
      for (Metric metric : metrics.keySet()) {
        if (!tolerance.containsKey(metric)) {
          throw new IllegalArgumentException("tolerance: no value for " + metric);
        }
      }
    }
    Settings settings = settings(spec.get("settings"), List.copyOf(expected.keySet()));
    for (String mode : expected.keySet()) {
      if (!settings.modes().contains(mode)) {
        throw new IllegalArgumentException(
            "expected names mode '" + mode + "' but settings.modes leaves it out");
      }
    }
    return new RegressionSpec(
        string(spec.getOrDefault("name", defaultName), "name"),
        spec.get("dataset") == null ? null : string(spec.get("dataset"), "dataset"),
        settings,
        expected,
        tolerance);
  }

  /** Every metric the spec checks, in first-mentioned order. */
  List<Metric> metrics() {
    Set<Metric> all = new LinkedHashSet<>();
    expected.values().forEach(m -> all.addAll(m.keySet()));
    return List.copyOf(all);
  }

  /**
   * Compares measured means with the expectations.
   *
   * @param reports the report of each mode that ran
   * @throws IllegalArgumentException if a mode the spec expects did not run
   */
  List<Check> check(Map<String, MetricsReport> reports) {
    List<Check> checks = new ArrayList<>();
    expected.forEach((mode, metrics) -> {
      MetricsReport report = reports.get(mode);
      if (report == null) {
        throw new IllegalArgumentException(
            "the spec expects mode '" + mode + "', which did not run");
      }
      metrics.forEach((metric, value) -> {
        double actual = report.mean(metric);
        double tol = tolerance.get(metric);
        checks.add(new Check(mode, metric, actual, value, tol, Verdict.of(actual, value, tol)));
      });
    });
    return checks;
  }

  /** The worst verdict of {@code checks}; OK when there are none. */
  static Verdict overall(List<Check> checks) {
    return checks.stream().map(Check::verdict).reduce(Verdict.OK, Verdict::and);
  }

  private static Settings settings(Object node, List<String> expectedModes) {
    if (node == null) {
      return Settings.defaults().withModes(expectedModes);
    }
    Map<String, Object> s = map(node, "settings");
    requireOnly(s, "settings", Set.of("modes", "depth", "rrfK", "candidates"));
    List<String> modes = expectedModes;
    if (s.get("modes") instanceof List<?> list) {
      modes = list.stream().map(m -> string(m, "settings.modes")).toList();
    } else if (s.get("modes") != null) {
      throw new IllegalArgumentException("settings.modes must be a list, e.g. [keyword, hybrid]");
    }
    return new Settings(
        modes,
        s.get("depth") == null ? Settings.DEFAULT_DEPTH : integer(s.get("depth"), "settings.depth"),
        s.get("rrfK") == null ? null : integer(s.get("rrfK"), "settings.rrfK"),
        s.get("candidates") == null ? null : integer(s.get("candidates"), "settings.candidates"));
  }

  private static Map<Metric, Double> metricValues(Object node, String where) {
    Map<Metric, Double> values = new LinkedHashMap<>();
    map(node, where)
        .forEach((name, value) -> {
          Metric metric;
          try {
            metric = Metric.parse(name);
          } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage());
          }
          if (!(value instanceof Number number)) {
            throw new IllegalArgumentException(
                where + "." + name + " must be a number, got " + value);
          }
          values.put(metric, number.doubleValue());
        });
    return values;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> map(Object node, String where) {
    if (!(node instanceof Map<?, ?> m)) {
      throw new IllegalArgumentException(where + " must be a mapping");
    }
    Map<String, Object> out = new LinkedHashMap<>();
    ((Map<Object, Object>) m).forEach((k, v) -> out.put(String.valueOf(k), v));
    return out;
  }

  private static void requireOnly(Map<String, Object> node, String where, Set<String> keys) {
    for (String key : node.keySet()) {
      if (!keys.contains(key)) {
        throw new IllegalArgumentException(where + ": unknown key '" + key + "'; known: " + keys);
      }
    }
  }

  private static String string(Object value, String where) {
    if (!(value instanceof String || value instanceof Number)) {
      throw new IllegalArgumentException(where + " must be text, got " + value);
    }
    return value.toString();
  }

  private static int integer(Object value, String where) {
    if (!(value instanceof Integer i)) {
      throw new IllegalArgumentException(where + " must be an integer, got " + value);
    }
    return i;
  }
}
