package dev.ragops.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * Relevance judgments: for each query, the judged documents and their grades (0 = not relevant, 1
 * or more = relevant, higher = more relevant; negative = judged but unusable, as trec_eval).
 */
final class Qrels {

  private final Map<String, Map<String, Integer>> byQuery;

  Qrels(Map<String, Map<String, Integer>> byQuery) {
    var copy = new LinkedHashMap<String, Map<String, Integer>>();
    byQuery.forEach(
        (q, grades) -> copy.put(q, Collections.unmodifiableMap(new LinkedHashMap<>(grades))));
    this.byQuery = Collections.unmodifiableMap(copy);
  }

  /**
   * Reads BEIR qrels ({@code query-id<TAB>corpus-id<TAB>score}, with or without that header) or
   * TREC qrels ({@code qid iteration docno rel}, whitespace separated). Blank lines are skipped.
   *
   * @throws IllegalArgumentException naming the line that is neither, or a document judged twice
   *     for one query
   */
  static Qrels parse(Reader reader, String source) {
    var byQuery = new LinkedHashMap<String, Map<String, Integer>>();
    try (var lines = new BufferedReader(reader)) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        String[] f = line.strip().split("\\s+");
        if (line.isBlank() || (number == 1 && f.length == 3 && !isInteger(f[2]))) {
          continue;
        }
        if ((f.length != 3 && f.length != 4) || !isInteger(f[f.length - 1])) {
          throw new IllegalArgumentException(
              source
                  + " line "
                  + number
                  + ": expected 'query-id corpus-id score' or 'qid 0 docno rel', got '"
                  + line
                  + "'");
        }
        String doc = f[f.length - 2];
        Integer previous =
            byQuery
                .computeIfAbsent(f[0], q -> new LinkedHashMap<>())
                .put(doc, Integer.parseInt(f[f.length - 1]));
        if (previous != null) {
          throw new IllegalArgumentException(
              source + " line " + number + ": query " + f[0] + " judges " + doc + " twice");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + source, e);
    }
    return new Qrels(byQuery);
  }

  private static boolean isInteger(String s) {
    return s.matches("-?\\d+");
  }

  /** Every query with at least one judgment, in file order. */
  Set<String> queryIds() {
    return byQuery.keySet();
  }

  /** The judged documents of {@code queryId} and their grades; empty if it has none. */
  Map<String, Integer> grades(String queryId) {
    return byQuery.getOrDefault(queryId, Map.of());
  }

  int relevantCount(String queryId) {
    return RetrievalMetrics.relevantCount(grades(queryId));
  }
}
