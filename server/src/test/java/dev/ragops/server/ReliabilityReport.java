package dev.ragops.server;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;

/**
 * Sizes and results of the reliability tests. The CI runs use the small defaults; {@code
 * ./scripts/reliability} runs the long versions ({@code -Dragops.reliability.documents=500}, {@code
 * -Dragops.reliability.duration=30m}) and collects each test's result line from {@code
 * -Dragops.reliability.results=FILE} into {@code bench/RESULTS.md}.
 */
final class ReliabilityReport {

  private ReliabilityReport() {}

  /** Documents to ingest under failure, {@code ragops.reliability.documents}. */
  static int documents(int ciDefault) {
    return Integer.getInteger("ragops.reliability.documents", ciDefault);
  }

  /** How long a load runs, {@code ragops.reliability.duration} (e.g. {@code 60s}, {@code 30m}). */
  static Duration duration(Duration ciDefault) {
    String value = System.getProperty("ragops.reliability.duration", "").strip().toLowerCase();
    if (value.isEmpty()) {
      return ciDefault;
    }
    long amount = Long.parseLong(value.substring(0, value.length() - 1));
    return switch (value.charAt(value.length() - 1)) {
      case 's' -> Duration.ofSeconds(amount);
      case 'm' -> Duration.ofMinutes(amount);
      case 'h' -> Duration.ofHours(amount);
      default -> throw new IllegalArgumentException("ragops.reliability.duration: " + value);
    };
  }

  /** Prints a result line and appends it to the results file when one is given. */
  static void record(String test, String settings, String result) {
    String line = "| " + test + " | " + settings + " | " + result + " |";
    System.out.println("RELIABILITY " + line);
    String file = System.getProperty("ragops.reliability.results", "");
    if (!file.isBlank()) {
      try {
        Files.writeString(
            Path.of(file), line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }
}
