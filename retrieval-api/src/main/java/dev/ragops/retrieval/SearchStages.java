package dev.ragops.retrieval;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

/**
 * Timers of the search stages, as {@code ragops.search.stage{stage=…}}: {@code embed_query}, {@code
 * keyword}, {@code vector}, {@code fuse} and {@code rerank}.
 */
final class SearchStages {

  final Timer embedQuery;
  final Timer keyword;
  final Timer vector;
  final Timer fuse;
  final Timer rerank;

  SearchStages(MeterRegistry meters) {
    embedQuery = timer(meters, "embed_query");
    keyword = timer(meters, "keyword");
    vector = timer(meters, "vector");
    fuse = timer(meters, "fuse");
    rerank = timer(meters, "rerank");
  }

  private static Timer timer(MeterRegistry meters, String stage) {
    return Timer.builder("ragops.search.stage")
        .tag("stage", stage)
        .description("time spent in one stage of a search")
        .publishPercentileHistogram()
        .register(meters);
  }
}
