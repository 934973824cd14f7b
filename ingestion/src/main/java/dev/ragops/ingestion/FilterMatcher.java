package dev.ragops.ingestion;

import dev.ragops.model.Filter;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a {@link Filter} on one document's metadata in memory, with the semantics {@link
 * Filter} documents and the stores implement: a list value matches when any element does; numbers
 * compare as doubles and only with numbers, strings in code-point order and only with strings,
 * booleans only for equality; {@code $ne} and {@code $nin} also match a missing field.
 */
final class FilterMatcher {

  private FilterMatcher() {}

  static boolean matches(Filter filter, Map<String, Object> metadata) {
    return switch (filter) {
      case Filter.And and -> and.parts().stream().allMatch(part -> matches(part, metadata));
      case Filter.Or or -> or.parts().stream().anyMatch(part -> matches(part, metadata));
      case Filter.Compare compare ->
          switch (compare.op()) {
            case EQ -> any(metadata.get(compare.field()), v -> equal(v, compare.value()));
            case NE -> !any(metadata.get(compare.field()), v -> equal(v, compare.value()));
            case GT -> ordered(metadata.get(compare.field()), compare.value(), c -> c > 0);
            case GTE -> ordered(metadata.get(compare.field()), compare.value(), c -> c >= 0);
            case LT -> ordered(metadata.get(compare.field()), compare.value(), c -> c < 0);
            case LTE -> ordered(metadata.get(compare.field()), compare.value(), c -> c <= 0);
          };
      case Filter.In in -> {
        boolean found =
            in.values().stream()
                .anyMatch(wanted -> any(metadata.get(in.field()), v -> equal(v, wanted)));
        yield in.negated() != found;
      }
    };
  }

  /** Whether any part of {@code filter} tests {@code field}. */
  static boolean mentions(Filter filter, String field) {
    return switch (filter) {
      case Filter.And and -> and.parts().stream().anyMatch(part -> mentions(part, field));
      case Filter.Or or -> or.parts().stream().anyMatch(part -> mentions(part, field));
      case Filter.Compare compare -> compare.field().equals(field);
      case Filter.In in -> in.field().equals(field);
    };
  }

  private static boolean any(Object value, java.util.function.Predicate<Object> test) {
    if (value == null) {
      return false;
    }
    if (value instanceof List<?> list) {
      return list.stream().anyMatch(element -> element != null && test.test(element));
    }
    return test.test(value);
  }

  private static boolean equal(Object actual, Object wanted) {
    if (actual instanceof Number a && wanted instanceof Number w) {
      return a.doubleValue() == w.doubleValue();
    }
    return (actual instanceof String || actual instanceof Boolean) && actual.equals(wanted);
  }

  /** Whether any element compares with {@code wanted} as {@code test} asks; others never match. */
  private static boolean ordered(
      Object value, Object wanted, java.util.function.IntPredicate test) {
    return any(
        value,
        actual -> {
          if (actual instanceof Number a && wanted instanceof Number w) {
            return test.test(Double.compare(a.doubleValue(), w.doubleValue()));
          }
          if (actual instanceof String a && wanted instanceof String w) {
            return test.test(compareCodePoints(a, w));
          }
          return false;
        });
  }

  private static int compareCodePoints(String a, String b) {
    int i = 0;
    int j = 0;
    while (i < a.length() && j < b.length()) {
      int ca = a.codePointAt(i);
      int cb = b.codePointAt(j);
      if (ca != cb) {
        return Integer.compare(ca, cb);
      }
      i += Character.charCount(ca);
      j += Character.charCount(cb);
    }
    return Integer.compare(a.length() - i, b.length() - j);
  }
}
