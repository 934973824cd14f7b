package dev.ragops.indexer;

import dev.ragops.model.Filter;
import dev.ragops.model.Filter.Compare;
import dev.ragops.model.Filter.In;
import java.util.ArrayList;
import java.util.List;

/**
 * Translates a {@link Filter} into a PostgreSQL condition over the document's JSON metadata, with
 * the semantics {@link Filter} documents and {@link LuceneFilter} implements: a list value matches
 * when any element does; numbers compare as {@code float8} (Lucene's doubles); strings in
 * code-point order ({@code COLLATE "C"}, Lucene's term order); {@code $ne}/{@code $nin} match a
 * missing field. Field names and values are bound as parameters, never spliced into the text. The
 * reserved field {@link Filter#FLAGS} reads the chunk's {@code flags} column instead.
 *
 * @param sql the condition, referring to {@code d.metadata} and {@code c.flags}
 * @param parameters the values of its {@code ?} placeholders, in order
 */
record SqlFilter(String sql, List<Object> parameters) {

  /** Elements of the field's value: the array's elements, or the value itself. */
  private static final String ELEMENTS =
      "jsonb_array_elements(CASE WHEN jsonb_typeof(d.metadata::jsonb -> ?) = 'array'"
          + " THEN d.metadata::jsonb -> ? ELSE jsonb_build_array(d.metadata::jsonb -> ?) END)";

  private static final String FLAGS = "jsonb_array_elements_text(c.flags::jsonb)";

  static SqlFilter of(Filter filter) {
    List<Object> parameters = new ArrayList<>();
    String sql = translate(filter, parameters);
    return new SqlFilter(sql, List.copyOf(parameters));
  }

  private static String translate(Filter filter, List<Object> parameters) {
    return switch (filter) {
      case Filter.And and -> join(and.parts(), " AND ", "TRUE", parameters);
      case Filter.Or or -> join(or.parts(), " OR ", "FALSE", parameters);
      case Compare compare -> compare(compare, parameters);
      case In in -> in(in, parameters);
    };
  }

  private static String join(
      List<Filter> parts, String operator, String whenEmpty, List<Object> parameters) {
    if (parts.isEmpty()) {
      return whenEmpty;
    }
    List<String> conditions = new ArrayList<>();
    parts.forEach(part -> conditions.add("(" + translate(part, parameters) + ")"));
    return String.join(operator, conditions);
  }

  private static String compare(Compare compare, List<Object> parameters) {
    if (compare.field().equals(Filter.FLAGS)) {
      String matches = flag((String) compare.value(), parameters);
      return compare.op() == Filter.Op.NE ? "NOT " + matches : matches;
    }
    return switch (compare.op()) {
      case EQ -> anyElement(compare.field(), equalTo(compare.value()), compare.value(), parameters);
      case NE ->
          "NOT "
              + anyElement(compare.field(), equalTo(compare.value()), compare.value(), parameters);
      case GT ->
          anyElement(compare.field(), ordered(compare.value(), ">"), compare.value(), parameters);
      case GTE ->
          anyElement(compare.field(), ordered(compare.value(), ">="), compare.value(), parameters);
      case LT ->
          anyElement(compare.field(), ordered(compare.value(), "<"), compare.value(), parameters);
      case LTE ->
          anyElement(compare.field(), ordered(compare.value(), "<="), compare.value(), parameters);
    };
  }

  private static String in(In in, List<Object> parameters) {
    if (in.values().isEmpty()) {
      return in.negated() ? "TRUE" : "FALSE";
    }
    List<String> any = new ArrayList<>();
    for (Object value : in.values()) {
      any.add(
          in.field().equals(Filter.FLAGS)
              ? flag((String) value, parameters)
              : anyElement(in.field(), equalTo(value), value, parameters));
    }
    String matches = "(" + String.join(" OR ", any) + ")";
    return in.negated() ? "NOT " + matches : matches;
  }

  /**
   * {@code EXISTS} a flag of the chunk ({@code c.flags}, a JSON array) equal to {@code value} or of
   * its category ({@link Filter#flagMatches}).
   */
  private static String flag(String value, List<Object> parameters) {
    parameters.add(value);
    parameters.add(value.length() + 1);
    parameters.add(value + ":");
    return "EXISTS (SELECT 1 FROM " + FLAGS + " f WHERE f = ? OR left(f, ?) = ?)";
  }

  /** {@code EXISTS} an element {@code e} of the field's value with {@code predicate(e, value)}. */
  private static String anyElement(
      String field, String predicate, Object value, List<Object> parameters) {
    parameters.add(field);
    parameters.add(field);
    parameters.add(field);
    parameters.add(value instanceof Number number ? number.doubleValue() : value);
    return "EXISTS (SELECT 1 FROM " + ELEMENTS + " e WHERE " + predicate + ")";
  }

  private static String equalTo(Object value) {
    return switch (value) {
      case String ignored -> "e = to_jsonb(?::text)";
      case Number ignored -> "jsonb_typeof(e) = 'number' AND (e::text)::float8 = ?";
      case Boolean ignored -> "e = to_jsonb(?::boolean)";
      default -> throw new IllegalArgumentException("unsupported filter value " + value);
    };
  }

  private static String ordered(Object value, String operator) {
    return switch (value) {
      case String ignored ->
          "jsonb_typeof(e) = 'string' AND (e #>> '{}') COLLATE \"C\" " + operator + " ?::text";
      case Number ignored -> "jsonb_typeof(e) = 'number' AND (e::text)::float8 " + operator + " ?";
      default ->
          throw new IllegalArgumentException("ranges need a number or a string, got " + value);
    };
  }
}
