package dev.ragops.eval;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * One retrieval measure, named as in the CLI, the specs and the JSON output: {@code ndcg@10},
 * {@code recall@100}, {@code p@10}, {@code mrr@10}, {@code map}, {@code rprec}. Each is computed
 * for one query exactly as trec_eval computes its counterpart ({@code ndcg_cut.10}, {@code
 * recall.100}, {@code P.10}, {@code recip_rank} cut at 10, {@code map}, {@code Rprec}); see {@link
 * RetrievalMetrics}.
 *
 * @param kind the measure
 * @param cutoff the rank cutoff, for the measures that take one; 0 otherwise
 */
record Metric(Kind kind, int cutoff) {

  /** The measures, with their names. */
  enum Kind {
    NDCG("ndcg", true),
    RECALL("recall", true),
    PRECISION("p", true),
    MRR("mrr", true),
    MAP("map", false),
    RPREC("rprec", false);

    final String label;
    final boolean cut;

    Kind(String label, boolean cut) {
      this.label = label;
      this.cut = cut;
    }
  }

  private static final Pattern NAME = Pattern.compile("([a-z]+)(?:@(\\d+))?");

  private static final String HELP = "known: ndcg@k, recall@k, p@k, mrr@k, map, rprec";

  /** What {@code eval} reports when no spec names other measures. */
  static final List<Metric> DEFAULTS =
      List.of(parse("ndcg@10"), parse("recall@100"), parse("mrr@10"), parse("map"));

  Metric {
    if (kind.cut && cutoff < 1) {
      throw new IllegalArgumentException(
          kind.label + " needs a cutoff >= 1, e.g. " + kind.label + "@10");
    }
    if (!kind.cut && cutoff != 0) {
      throw new IllegalArgumentException(kind.label + " takes no cutoff");
    }
  }

  /**
   * Parses a name such as {@code ndcg@10} or {@code map}.
   *
   * @throws IllegalArgumentException for an unknown measure or a missing or stray cutoff
   */
  static Metric parse(String name) {
    var m = NAME.matcher(name.strip().toLowerCase(Locale.ROOT));
    if (!m.matches()) {
      throw new IllegalArgumentException("not a metric name: '" + name + "'; " + HELP);
    }
    for (Kind kind : Kind.values()) {
      if (kind.label.equals(m.group(1))) {
        if (kind.cut && m.group(2) == null) {
          throw new IllegalArgumentException(
              kind.label + " needs a cutoff, e.g. " + kind.label + "@10");
        }
        return new Metric(kind, m.group(2) == null ? 0 : Integer.parseInt(m.group(2)));
      }
    }
    throw new IllegalArgumentException("unknown metric '" + name + "'; " + HELP);
  }

  /** The value for one query: {@code ranking} best first, {@code grades} from the qrels. */
  double value(List<String> ranking, Map<String, Integer> grades) {
    return switch (kind) {
      case NDCG -> RetrievalMetrics.ndcg(ranking, grades, cutoff);
      case RECALL -> RetrievalMetrics.recall(ranking, grades, cutoff);
      case PRECISION -> RetrievalMetrics.precision(ranking, grades, cutoff);
      case MRR -> RetrievalMetrics.reciprocalRank(ranking, grades, cutoff);
      case MAP -> RetrievalMetrics.averagePrecision(ranking, grades);
      case RPREC -> RetrievalMetrics.rPrecision(ranking, grades);
    };
  }

  @Override
  public String toString() {
    return kind.cut ? kind.label + "@" + cutoff : kind.label;
  }
}
