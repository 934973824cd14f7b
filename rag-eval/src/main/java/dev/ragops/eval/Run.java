package dev.ragops.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a system retrieved: for each query, documents with scores. The order that counts is
 * trec_eval's: by score descending, ties broken by document id in <em>descending</em> byte order
 * ({@code strcmp(docno2, docno1)} in trec_eval's {@code form_res_rels.c}); the order documents were
 * added in does not matter. So every measure here equals trec_eval's on the {@link #writeTrec
 * exported run file}.
 */
final class Run {

  /** One retrieved document. */
  record Entry(String documentId, double score) {}

  /** trec_eval's order: higher score first, then document id descending (as UTF-8 bytes). */
  static final Comparator<Entry> TREC_ORDER =
      Comparator.comparingDouble(Entry::score)
          .reversed()
          .thenComparing(Entry::documentId, Run::compareUtf8Descending);

  private final Map<String, List<Entry>> byQuery = new LinkedHashMap<>();

  /**
   * Adds the documents retrieved for {@code queryId}.
   *
   * @throws IllegalArgumentException if the query was already added or a document repeats
   *     (trec_eval rejects duplicates)
   */
  Run add(String queryId, List<Entry> entries) {
    Set<String> seen = new HashSet<>();
    for (Entry e : entries) {
      if (!seen.add(e.documentId())) {
        throw new IllegalArgumentException(
            "query " + queryId + " retrieves " + e.documentId() + " twice");
      }
    }
    if (byQuery.putIfAbsent(queryId, List.copyOf(entries)) != null) {
      throw new IllegalArgumentException("query " + queryId + " is already in the run");
    }
    return this;
  }

  /**
   * Adds a ranked list of chunk hits as documents: each document takes the rank and score of its
   * first (best) chunk, later chunks of it are dropped, and the list is cut at {@code depth}
   * documents.
   *
   * @param sourceIds the hits' document ids, best first
   * @param scores the hits' scores, same order
   */
  Run addChunks(String queryId, List<String> sourceIds, List<Double> scores, int depth) {
    if (sourceIds.size() != scores.size()) {
      throw new IllegalArgumentException("ids and scores differ in length");
    }
    List<Entry> docs = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < sourceIds.size() && docs.size() < depth; i++) {
      if (seen.add(sourceIds.get(i))) {
        docs.add(new Entry(sourceIds.get(i), scores.get(i)));
      }
    }
    return add(queryId, docs);
  }

  Set<String> queryIds() {
    return Collections.unmodifiableSet(byQuery.keySet());
  }

  /** The documents of {@code queryId} in trec_eval order; empty if the query retrieved nothing. */
  List<String> ranking(String queryId) {
    return byQuery.getOrDefault(queryId, List.of()).stream()
        .sorted(TREC_ORDER)
        .map(Entry::documentId)
        .toList();
  }

  /**
   * Writes the run in TREC format, {@code qid Q0 docno rank score tag}, one line per document, in
   * trec_eval order; scores are written with full precision so that trec_eval sorts them the same.
   */
  void writeTrec(Writer out, String tag) {
    try {
      for (var query : byQuery.entrySet()) {
        var entries = query.getValue().stream().sorted(TREC_ORDER).toList();
        for (int i = 0; i < entries.size(); i++) {
          out.write(
              query.getKey()
                  + " Q0 "
                  + entries.get(i).documentId()
                  + " "
                  + (i + 1)
                  + " "
                  + entries.get(i).score()
                  + " "
                  + tag
                  + "\n");
        }
      }
      out.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static int compareUtf8Descending(String a, String b) {
    // code point order is UTF-8 byte order, which is what strcmp compares
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(cb, ca);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(b.length() - j, a.length() - i);
  }
}
