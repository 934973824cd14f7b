package dev.ragops.indexer;

import dev.ragops.model.Filter;
import dev.ragops.model.Filter.Compare;
import dev.ragops.model.Filter.In;
import dev.ragops.model.Filter.Op;
import dev.ragops.model.SearchScope;
import org.apache.lucene.document.DoubleField;
import org.apache.lucene.document.IntField;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;

/**
 * Translates a {@link SearchScope} into a non-scoring Lucene query, with the semantics {@link
 * Filter} documents (the SQL translation in {@link SqlFilter} has the same).
 */
final class LuceneFilter {

  private LuceneFilter() {}

  /** Chunks of the scope's collection and generation that pass its filter. */
  static Query of(SearchScope scope) {
    var builder =
        new BooleanQuery.Builder()
            .add(
                new TermQuery(new Term(ChunkDocuments.COLLECTION, scope.collection())),
                Occur.FILTER)
            .add(
                IntField.newExactQuery(ChunkDocuments.GENERATION, scope.generation()),
                Occur.FILTER);
    if (!scope.filter().matchesEverything()) {
      builder.add(toQuery(scope.filter()), Occur.FILTER);
    }
    return builder.build();
  }

  static Query toQuery(Filter filter) {
    return switch (filter) {
      case Filter.And and -> combine(and.parts(), Occur.FILTER, new MatchAllDocsQuery());
      case Filter.Or or -> combine(or.parts(), Occur.SHOULD, new MatchNoDocsQuery());
      case Compare compare -> compare(compare);
      case In in -> in(in);
    };
  }

  private static Query combine(java.util.List<Filter> parts, Occur occur, Query whenEmpty) {
    if (parts.isEmpty()) {
      return whenEmpty;
    }
    var builder = new BooleanQuery.Builder();
    parts.forEach(part -> builder.add(toQuery(part), occur));
    return builder.build();
  }

  private static Query compare(Compare compare) {
    return switch (compare.op()) {
      case EQ -> equalTo(compare.field(), compare.value());
      case NE -> not(equalTo(compare.field(), compare.value()));
      case GT, GTE, LT, LTE -> range(compare);
    };
  }

  private static Query in(In in) {
    var any = new BooleanQuery.Builder();
    in.values().forEach(value -> any.add(equalTo(in.field(), value), Occur.SHOULD));
    Query matches = in.values().isEmpty() ? new MatchNoDocsQuery() : any.build();
    return in.negated() ? not(matches) : matches;
  }

  private static Query equalTo(String field, Object value) {
    if (field.equals(Filter.FLAGS)) {
      return new TermQuery(new Term(ChunkDocuments.FLAG_TERMS, (String) value));
    }
    return switch (value) {
      case String text -> new TermQuery(new Term(ChunkDocuments.STRING_PREFIX + field, text));
      case Number number ->
          DoubleField.newExactQuery(ChunkDocuments.NUMBER_PREFIX + field, number.doubleValue());
      case Boolean flag ->
          new TermQuery(new Term(ChunkDocuments.BOOLEAN_PREFIX + field, flag.toString()));
      default -> throw new IllegalArgumentException("unsupported filter value " + value);
    };
  }

  private static Query range(Compare compare) {
    Op op = compare.op();
    boolean lower = op == Op.GT || op == Op.GTE;
    boolean inclusive = op == Op.GTE || op == Op.LTE;
    return switch (compare.value()) {
      case Number number -> {
        double bound = number.doubleValue();
        String field = ChunkDocuments.NUMBER_PREFIX + compare.field();
        yield lower
            ? DoubleField.newRangeQuery(
                field, inclusive ? bound : Math.nextUp(bound), Double.POSITIVE_INFINITY)
            : DoubleField.newRangeQuery(
                field, Double.NEGATIVE_INFINITY, inclusive ? bound : Math.nextDown(bound));
      }
      case String text -> {
        String field = ChunkDocuments.STRING_PREFIX + compare.field();
        yield lower
            ? TermRangeQuery.newStringRange(field, text, null, inclusive, true)
            : TermRangeQuery.newStringRange(field, null, text, true, inclusive);
      }
      default ->
          throw new IllegalArgumentException(
              compare.op().token() + " needs a number or a string, got " + compare.value());
    };
  }

  private static Query not(Query query) {
    return new BooleanQuery.Builder()
        .add(new MatchAllDocsQuery(), Occur.FILTER)
        .add(query, Occur.MUST_NOT)
        .build();
  }
}
