package dev.ragops.ingestion;

import java.util.Arrays;
import java.util.Locale;

/**
 * What ingestion does with what the content scan finds in a collection's documents ({@code
 * "scanning"} in its settings).
 */
enum ScanMode {
  /** No scan. */
  OFF,
  /** Chunks keep their text and carry the flags of what was found in them. */
  FLAG,
  /** Every finding's span is replaced by {@code [REDACTED:<kind>]} before embedding; flags kept. */
  REDACT,
  /** A document with any finding fails, and the reason names the kinds found. */
  REJECT;

  String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The mode named {@code label}; {@code null} means {@code off}. */
  static ScanMode of(String label) {
    if (label == null) {
      return OFF;
    }
    return Arrays.stream(values())
        .filter(mode -> mode.label().equals(label))
        .findFirst()
        .orElseThrow(() ->
            new IllegalArgumentException(
                "scanning must be one of off, flag, redact or reject, got '" + label + "'"));
  }
}
