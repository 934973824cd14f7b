package dev.ragops.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Renders eval results as plain-text tables: one row per mode, then the spec checks. */
final class MetricsTable {

  private MetricsTable() {}

  static String render(
      Map<String, MetricsReport> reports, List<Metric> metrics, List<RegressionSpec.Check> checks) {
    var out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-8s %8s", "mode", "queries"));
    for (Metric metric : metrics) {
      out.append(String.format(Locale.ROOT, " %10s", metric));
    }
    out.append('\n');
    reports.forEach((mode, report) -> {
      out.append(String.format(Locale.ROOT, "%-8s %8d", mode, report.queries()));
      for (Metric metric : metrics) {
        out.append(String.format(Locale.ROOT, " %10.4f", report.mean(metric)));
      }
      out.append('\n');
    });
    if (!checks.isEmpty()) {
      out.append('\n');
      out.append(
          String.format(
              Locale.ROOT,
              "%-8s %-11s %8s %8s %9s  %s%n",
              "mode",
              "metric",
              "actual",
              "expected",
              "tolerance",
              "verdict"));
      for (RegressionSpec.Check c : checks) {
        out.append(
            String.format(
                Locale.ROOT,
                "%-8s %-11s %8.4f %8.4f %9.4f  %s%n",
                c.mode(),
                c.metric(),
                c.actual(),
                c.expected(),
                c.tolerance(),
                c.verdict()));
      }
    }
    return out.toString();
  }
}
