package dev.ragops.model;

import dev.ragops.model.Filter.Op;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Reads the API's filter language into a {@link Filter}:
 *
 * <pre>{@code
 * {"team": "docs"}                                   shorthand for {"team": {"$eq": "docs"}}
 * {"year": {"$gte": 2020, "$lt": 2024}}              several operators on one field: all hold
 * {"lang": {"$in": ["en", "de"]}}                    $in / $nin take a list
 * {"$or": [{"team": "docs"}, {"draft": false}]}      $and / $or take a list of filters
 * }</pre>
 *
 * Sibling keys of one object are combined with AND. Every mistake is an {@link
 * IllegalArgumentException} that names the offending path, e.g. {@code filter.year.$gt}. The same
 * language for every caller (search filters, delete by filter); {@code null} or {@code {}} is
 * {@link Filter#ALL}.
 */
public final class FilterSyntax {

  private FilterSyntax() {}

  public static Filter parse(Map<String, Object> filter) {
    return filter == null || filter.isEmpty() ? Filter.ALL : object(filter, "filter");
  }

  private static Filter object(Map<?, ?> object, String path) {
    List<Filter> parts = new ArrayList<>();
    object.forEach((key, value) -> {
      String name = String.valueOf(key);
      String at = path + "." + name;
      switch (name) {
        case "$and" -> parts.add(new Filter.And(list(value, at)));
        case "$or" -> parts.add(new Filter.Or(list(value, at)));
        default -> {
          if (name.startsWith("$")) {
            throw new IllegalArgumentException(
                at + ": unknown operator; use $and or $or here, or a field name");
          }
          if (name.isBlank()) {
            throw new IllegalArgumentException(path + ": field names must not be empty");
          }
          parts.add(field(name, value, at));
        }
      }
    });
    return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
  }

  private static List<Filter> list(Object value, String path) {
    if (!(value instanceof List<?> items)) {
      throw new IllegalArgumentException(path + ": must be a list of filters");
    }
    List<Filter> filters = new ArrayList<>();
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof Map<?, ?> item)) {
        throw new IllegalArgumentException(path + "[" + i + "]: must be an object");
      }
      filters.add(object(item, path + "[" + i + "]"));
    }
    return filters;
  }

  private static Filter field(String field, Object condition, String path) {
    Filter parsed = operators(field, condition, path);
    if (field.equals(Filter.FLAGS)) {
      requireFlagCondition(parsed, path);
    }
    return parsed;
  }

  /** {@code _flags} takes strings with $eq, $ne, $in, $nin only. */
  private static void requireFlagCondition(Filter filter, String path) {
    switch (filter) {
      case Filter.And and -> and.parts().forEach(part -> requireFlagCondition(part, path));
      case Filter.Or or -> or.parts().forEach(part -> requireFlagCondition(part, path));
      case Filter.Compare compare -> {
        if (compare.op() != Op.EQ && compare.op() != Op.NE) {
          throw new IllegalArgumentException(
              path + "." + compare.op().token() + ": _flags takes $eq, $ne, $in or $nin");
        }
        requireFlagValue(compare.value(), path);
      }
      case Filter.In in -> in.values().forEach(value -> requireFlagValue(value, path));
    }
  }

  private static void requireFlagValue(Object value, String path) {
    if (!(value instanceof String text) || text.isEmpty()) {
      throw new IllegalArgumentException(
          path + ": _flags values are flag names such as \"pii\" or \"pii:email\"");
    }
  }

  private static Filter operators(String field, Object condition, String path) {
    if (!(condition instanceof Map<?, ?> operators)) {
      return new Filter.Compare(field, Op.EQ, scalar(condition, path));
    }
    if (operators.isEmpty()) {
      throw new IllegalArgumentException(path + ": needs an operator such as $eq");
    }
    List<Filter> parts = new ArrayList<>();
    operators.forEach((key, operand) -> {
      String token = String.valueOf(key);
      String at = path + "." + token;
      switch (token) {
        case "$in", "$nin" -> parts.add(in(field, operand, token.equals("$nin"), at));
        default -> {
          Op op =
              Arrays.stream(Op.values())
                  .filter(candidate -> candidate.token().equals(token))
                  .findFirst()
                  .orElseThrow(() ->
                      new IllegalArgumentException(
                          at
                              + ": unknown operator; use $eq, $ne, $gt, $gte, $lt, $lte,"
                              + " $in or $nin"));
          Object value = scalar(operand, at);
          if (op != Op.EQ && op != Op.NE && value instanceof Boolean) {
            throw new IllegalArgumentException(at + ": needs a number or a string");
          }
          parts.add(new Filter.Compare(field, op, value));
        }
      }
    });
    return parts.size() == 1 ? parts.get(0) : new Filter.And(parts);
  }

  private static Filter in(String field, Object operand, boolean negated, String path) {
    if (!(operand instanceof List<?> values)) {
      throw new IllegalArgumentException(path + ": must be a list of values");
    }
    List<Object> scalars = new ArrayList<>();
    for (int i = 0; i < values.size(); i++) {
      scalars.add(scalar(values.get(i), path + "[" + i + "]"));
    }
    return new Filter.In(field, scalars, negated);
  }

  private static Object scalar(Object value, String path) {
    if (value instanceof String || value instanceof Boolean) {
      return value;
    }
    if (value instanceof Number number) {
      return number.doubleValue();
    }
    throw new IllegalArgumentException(path + ": must be a string, a number or a boolean");
  }
}
