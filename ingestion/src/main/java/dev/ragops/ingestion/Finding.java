package dev.ragops.ingestion;

/**
 * One thing the content scan found: characters {@code [start, end)} of the scanned text and the
 * flag naming its kind, {@code pii:<kind>} or {@code injection:<kind>}.
 */
public record Finding(String flag, int start, int end) {

  public Finding {
    if (start < 0 || end < start) {
      throw new IllegalArgumentException("finding spans need 0 <= start <= end");
    }
  }

  /** The part after the category, e.g. {@code email} for {@code pii:email}. */
  public String kind() {
    return flag.substring(flag.indexOf(':') + 1);
  }

  boolean overlaps(int from, int to) {
    return start < to && from < end;
  }
}
