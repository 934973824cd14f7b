package dev.ragops.eval;

import dev.ragops.model.Retriever;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The metrics of one golden case on what a retriever returned, computed as the CLI computes them
 * ({@link Metric}, trec_eval's definitions and order).
 *
 * <p>A case judged chunk by chunk ({@link GoldenCase#byChunk}) is scored on the first {@code depth}
 * chunks. Any other case is scored on documents: each document takes the score of its best chunk,
 * the list is cut at {@code depth} documents, and a chunk judgment counts for its document (the
 * highest grade wins).
 *
 * @param metrics each metric's value for the case, by name
 * @param ranking the ids the metrics were computed on, in trec_eval order
 */
record CaseScore(Map<String, Double> metrics, List<String> ranking) {

  /** What every run reports. */
  static final List<Metric> METRICS =
      List.of(
          Metric.parse("ndcg@10"),
          Metric.parse("recall@100"),
          Metric.parse("mrr@10"),
          Metric.parse("map"),
          Metric.parse("p@10"),
          Metric.parse("rprec"));

  /**
   * The hits with scores that follow their order ({@code n, n − 1, …, 1}), for scoring a search
   * with a rerank stage: its order is the ranking, while its scores may tie (a learned model that
   * gives several hits the same score keeps their fused order) or need not follow the order (MMR),
   * and trec_eval order would break such ties by document id instead.
   */
  static List<Retriever.Hit> inListOrder(List<Retriever.Hit> hits) {
    List<Retriever.Hit> ranked = new ArrayList<>(hits.size());
    for (int i = 0; i < hits.size(); i++) {
      var hit = hits.get(i);
      ranked.add(
          new Retriever.Hit(
              hit.chunkId(), hit.documentId(), hit.sourceId(), hits.size() - i, hit.features()));
    }
    return ranked;
  }

  /** How many chunks to ask the retriever for so that {@code depth} ids can be scored. */
  static int chunksToRetrieve(GoldenCase golden, int depth) {
    return golden.byChunk() ? depth : Math.min(1000, 3 * depth);
  }

  static CaseScore of(GoldenCase golden, List<Retriever.Hit> hits, int depth) {
    var run = new Run();
    Map<String, Integer> grades = new HashMap<>();
    if (golden.byChunk()) {
      run.add(
          golden.id(),
          hits.stream()
              .limit(depth)
              .map(hit -> new Run.Entry(hit.chunkId(), hit.score()))
              .toList());
      golden.judgments().forEach(j -> grades.merge(j.chunkId(), j.grade(), Math::max));
    } else {
      run.addChunks(
          golden.id(),
          hits.stream().map(Retriever.Hit::sourceId).toList(),
          hits.stream().map(Retriever.Hit::score).toList(),
          depth);
      golden.judgments().forEach(j -> grades.merge(j.sourceId(), j.grade(), Math::max));
    }
    List<String> ranking = run.ranking(golden.id());
    Map<String, Double> metrics = new LinkedHashMap<>();
    for (Metric metric : METRICS) {
      metrics.put(metric.toString(), metric.value(ranking, grades));
    }
    return new CaseScore(metrics, ranking);
  }

  /** Each metric's mean over {@code scores}; 0 for every metric when there are none. */
  static Map<String, Double> means(List<Map<String, Double>> scores) {
    Map<String, Double> means = new LinkedHashMap<>();
    for (Metric metric : METRICS) {
      String name = metric.toString();
      means.put(
          name, scores.stream().mapToDouble(s -> s.getOrDefault(name, 0.0)).average().orElse(0));
    }
    return means;
  }
}
