package dev.ragops.model;

import java.util.List;
import java.util.Objects;

/**
 * A predicate over document metadata, the same for every store. Values are strings, numbers or
 * booleans. A metadata value that is a list matches when any element matches. Comparisons with a
 * number only see numeric values, with a string only string values (so ISO dates compare as text).
 * {@code $ne} and {@code $nin} also match documents that lack the field.
 */
public sealed interface Filter {

  /**
   * The reserved field that holds a chunk's scan flags (see {@link Chunk#flags()}) instead of a
   * metadata value. A value matches a flag equal to it ({@code pii:email}) or a flag of that
   * category ({@code pii} matches {@code pii:email}); only strings and {@code $eq}, {@code $ne},
   * {@code $in} and {@code $nin} apply. {@code {"_flags": {"$nin": ["pii", "injection"]}}} keeps
   * only chunks the scan found nothing in.
   */
  String FLAGS = "_flags";

  /** Whether the chunk flag {@code flag} (e.g. {@code pii:email}) matches the filter value. */
  static boolean flagMatches(String flag, String value) {
    return flag.equals(value) || (flag.startsWith(value) && flag.charAt(value.length()) == ':');
  }

  /** Matches every chunk. */
  Filter ALL = new And(List.of());

  /** All of the parts match; no parts matches everything. */
  record And(List<Filter> parts) implements Filter {
    public And {
      parts = List.copyOf(parts);
    }
  }

  /** At least one part matches; no parts matches nothing. */
  record Or(List<Filter> parts) implements Filter {
    public Or {
      parts = List.copyOf(parts);
    }
  }

  /** {@code field op value}. */
  record Compare(String field, Op op, Object value) implements Filter {
    public Compare {
      Objects.requireNonNull(field, "field");
      Objects.requireNonNull(op, "op");
      requireScalar(value);
    }
  }

  /** {@code field} equals one of {@code values} ({@code $in}), or none of them ({@code $nin}). */
  record In(String field, List<Object> values, boolean negated) implements Filter {
    public In {
      Objects.requireNonNull(field, "field");
      values = List.copyOf(values);
      values.forEach(Filter::requireScalar);
    }
  }

  /** Comparison operators, named as in the API. */
  enum Op {
    EQ("$eq"),
    NE("$ne"),
    GT("$gt"),
    GTE("$gte"),
    LT("$lt"),
    LTE("$lte");

    private final String token;

    Op(String token) {
      this.token = token;
    }

    public String token() {
      return token;
    }
  }

  private static void requireScalar(Object value) {
    if (!(value instanceof String || value instanceof Number || value instanceof Boolean)) {
      throw new IllegalArgumentException(
          "filter values must be strings, numbers or booleans, got " + value);
    }
  }

  default boolean matchesEverything() {
    return this instanceof And and && and.parts().isEmpty();
  }
}
