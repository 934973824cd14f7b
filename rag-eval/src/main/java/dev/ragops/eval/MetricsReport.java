package dev.ragops.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run scored against qrels: each measure per query and its mean.
 *
 * <p>Which queries count: every query of the qrels with at least one relevant document. A query the
 * run has no documents for counts with 0 everywhere (trec_eval's {@code -c}), so a system cannot
 * gain by answering nothing. Queries whose judgments are all non-relevant are left out, and so are
 * run queries the qrels do not judge. Where every judged query has a relevant document and the run
 * answers every query, as in Cranfield, the means are exactly trec_eval's.
 *
 * @param metrics the measures, in report order
 * @param perQuery for each evaluated query, its value of each measure
 * @param means each measure's mean over the evaluated queries (0 when there are none)
 */
record MetricsReport(
    List<Metric> metrics, Map<String, Map<Metric, Double>> perQuery, Map<Metric, Double> means) {

  static MetricsReport evaluate(Qrels qrels, Run run, List<Metric> metrics) {
    Map<String, Map<Metric, Double>> perQuery = new LinkedHashMap<>();
    for (String query : qrels.queryIds()) {
      if (qrels.relevantCount(query) == 0) {
        continue;
      }
      List<String> ranking = run.ranking(query);
      Map<Metric, Double> values = new LinkedHashMap<>();
      for (Metric metric : metrics) {
        values.put(metric, metric.value(ranking, qrels.grades(query)));
      }
      perQuery.put(query, values);
    }
    Map<Metric, Double> means = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      means.put(
          metric, perQuery.values().stream().mapToDouble(v -> v.get(metric)).average().orElse(0));
    }
    return new MetricsReport(List.copyOf(metrics), perQuery, means);
  }

  int queries() {
    return perQuery.size();
  }

  double mean(Metric metric) {
    Double value = means.get(metric);
    if (value == null) {
      throw new IllegalArgumentException(metric + " was not computed");
    }
    return value;
  }
}
