package dev.ragops.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Writes one benchmark's section of {@code bench/RESULTS.md}: the section between its heading and
 * the next {@code ## } heading is replaced, other sections are kept.
 */
public final class Results {

  private Results() {}

  public static void writeSection(Path file, String heading, String body) {
    try {
      String existing =
          Files.exists(file) ? Files.readString(file) : "# Benchmark and evaluation results\n";
      String section = "## " + heading + "\n\n" + body.strip() + "\n\n";
      int start = existing.indexOf("## " + heading + "\n");
      String updated;
      if (start < 0) {
        updated = existing.stripTrailing() + "\n\n" + section;
      } else {
        int end = existing.indexOf("\n## ", start + 3);
        updated =
            existing.substring(0, start) + section + (end < 0 ? "" : existing.substring(end + 1));
      }
      Files.writeString(file, updated.stripTrailing() + "\n");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + file, e);
    }
  }

  /** Date, machine and command lines every table starts with. */
  public static String header(String command) {
    return "- Date: "
        + LocalDate.now()
        + "\n- Machine: "
        + Machine.describe()
        + "\n- Command: `"
        + command
        + "`\n";
  }
}
