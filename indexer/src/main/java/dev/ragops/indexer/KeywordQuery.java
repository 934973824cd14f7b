package dev.ragops.indexer;

import dev.ragops.model.TextAnalysis;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashSet;
import java.util.Optional;
import java.util.Set;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.BoostQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;

/**
 * Turns free text into a BM25 query without any query syntax: the text is analyzed like the indexed
 * fields of the collection's {@link TextAnalysis}, and each distinct term becomes a SHOULD clause
 * on its text field and on its boosted title field (see {@link TextFields}), restricted by a
 * non-scoring filter (collection, generation, metadata). Characters that are query syntax elsewhere
 * ({@code ? ( " *}) are just punctuation here.
 */
final class KeywordQuery {

  /** Weight of a title match relative to a text match. */
  static final float TITLE_BOOST = 1.5f;

  /**
   * Distinct terms searched, in query order; later terms are ignored. Two clauses per term stay
   * well under Lucene's default limit of 1024 clauses.
   */
  static final int MAX_TERMS = 256;

  private KeywordQuery() {}

  /**
   * The query for {@code text} among chunks passing {@code filter}; empty when no term survives.
   */
  static Optional<Query> of(Analyzer analyzer, Query filter, String text) {
    return of(analyzer, TextAnalysis.ENGLISH, filter, text);
  }

  /** Like {@link #of(Analyzer, Query, String)}, over the fields of {@code analysis}. */
  static Optional<Query> of(Analyzer analyzer, TextAnalysis analysis, Query filter, String text) {
    String textField = TextFields.text(analysis);
    String titleField = TextFields.title(analysis);
    Set<String> terms = terms(analyzer, textField, text);
    if (terms.isEmpty()) {
      return Optional.empty();
    }
    BooleanQuery.Builder anyTerm = new BooleanQuery.Builder();
    for (String term : terms) {
      anyTerm.add(new TermQuery(new Term(textField, term)), Occur.SHOULD);
      anyTerm.add(
          new BoostQuery(new TermQuery(new Term(titleField, term)), TITLE_BOOST), Occur.SHOULD);
    }
    return Optional.of(
        new BooleanQuery.Builder()
            .add(anyTerm.build(), Occur.MUST)
            .add(filter, Occur.FILTER)
            .build());
  }

  private static Set<String> terms(Analyzer analyzer, String field, String text) {
    Set<String> terms = new LinkedHashSet<>();
    try (TokenStream tokens = analyzer.tokenStream(field, text)) {
      CharTermAttribute term = tokens.addAttribute(CharTermAttribute.class);
      tokens.reset();
      while (tokens.incrementToken() && terms.size() < MAX_TERMS) {
        terms.add(term.toString());
      }
      tokens.end();
    } catch (IOException e) {
      throw new UncheckedIOException("could not analyze the query", e);
    }
    return terms;
  }
}
