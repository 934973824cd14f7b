package dev.ragops.eval;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The benchmarks' door into rag-eval: a BEIR dataset and its trec_eval-exact scoring, without
 * widening rag-eval's package-private API. It lives in rag-eval's package but in the bench module,
 * so every quality figure of a benchmark comes from the same code as {@code ragops eval}: chunk
 * hits collapse to documents by first occurrence ({@link Run#addChunks}), cut at {@link #DEPTH}
 * documents, and {@link MetricsReport} averages over the queries that have a relevant document.
 */
public final class BenchScoring {

  /** Documents per query that are scored, as {@code ragops eval}'s default depth. */
  public static final int DEPTH = 100;

  /** The chunks each query asks for, as {@code ragops eval} does: 3 × depth. */
  public static final int CHUNKS_PER_QUERY = 3 * DEPTH;

  /** The metrics reported, in order. */
  public static final List<String> METRICS = List.of("ndcg@10", "recall@100", "mrr@10", "map");

  /** A corpus document: its id and the text uploaded for it (title, blank line, text). */
  public record Document(String id, String content) {}

  /** A query: its id and its text. */
  public record Query(String id, String text) {}

  /** One chunk hit: the id of the document it came from and its score. */
  public record Hit(String documentId, double score) {}

  private final BeirDataset dataset;

  private BenchScoring(BeirDataset dataset) {
    this.dataset = dataset;
  }

  /** Reads a BEIR-layout dataset (corpus.jsonl, queries.jsonl, qrels/). */
  public static BenchScoring load(Path directory) {
    return new BenchScoring(BeirDataset.load(directory));
  }

  public String name() {
    return dataset.name();
  }

  /** The documents with text, in corpus order (the ones {@code ragops eval} uploads). */
  public List<Document> documents() {
    return dataset.corpus().stream()
        .filter(d -> !d.content().isBlank())
        .map(d -> new Document(d.id(), d.content()))
        .toList();
  }

  public List<Query> queries() {
    return dataset.queries().stream().map(q -> new Query(q.id(), q.text().strip())).toList();
  }

  /**
   * Scores one run.
   *
   * @param hitsByQuery each query's chunk hits, best first; a missing query scores 0
   * @return the mean of each of {@link #METRICS}, in that order
   */
  public Map<String, Double> score(Map<String, List<Hit>> hitsByQuery) {
    Run run = new Run();
    hitsByQuery.forEach((query, hits) ->
        run.addChunks(
            query,
            hits.stream().map(Hit::documentId).toList(),
            hits.stream().map(Hit::score).toList(),
            DEPTH));
    List<Metric> metrics = METRICS.stream().map(Metric::parse).toList();
    MetricsReport report = MetricsReport.evaluate(dataset.qrels(), run, metrics);
    Map<String, Double> means = new LinkedHashMap<>();
    for (Metric metric : metrics) {
      means.put(metric.toString(), report.mean(metric));
    }
    return means;
  }

  /** How many queries are averaged: those with at least one relevant document. */
  public long judgedQueries() {
    return dataset.qrels().queryIds().stream()
        .filter(q -> dataset.qrels().relevantCount(q) > 0)
        .count();
  }
}
