package dev.ragops.eval;

import java.io.PrintStream;
import java.util.Locale;

/**
 * A text progress bar on stderr: redrawn in place on a terminal (at most ten times a second), one
 * line per tenth of the work otherwise, so logs stay readable.
 */
final class ProgressBar {

  private static final int WIDTH = 30;

  private final PrintStream err;
  private final String label;
  private final int total;
  private final boolean interactive;
  private final long started = System.nanoTime();
  private int done;
  private long lastDraw;
  private int lastTenth = -1;

  ProgressBar(PrintStream err, String label, int total, boolean interactive) {
    this.err = err;
    this.label = label;
    this.total = Math.max(total, 0);
    this.interactive = interactive;
    draw(true);
  }

  void step() {
    set(done + 1);
  }

  synchronized void set(int value) {
    done = Math.min(Math.max(value, 0), total);
    draw(false);
  }

  /** Draws the final state and ends the line. */
  synchronized void finish() {
    draw(true);
    if (interactive) {
      err.println();
    }
  }

  private void draw(boolean force) {
    long now = System.nanoTime();
    if (interactive) {
      if (force || done == total || now - lastDraw > 100_000_000L) {
        err.print("\r" + line());
        err.flush();
        lastDraw = now;
      }
      return;
    }
    int tenth = total == 0 ? 10 : done * 10 / total;
    if (tenth != lastTenth) {
      err.println(line());
      lastTenth = tenth;
    }
  }

  private String line() {
    int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
    double seconds = (System.nanoTime() - started) / 1e9;
    return String.format(
        Locale.ROOT,
        "%-16s [%s%s] %d/%d  %.0fs",
        label,
        "#".repeat(filled),
        ".".repeat(WIDTH - filled),
        done,
        total,
        seconds);
  }
}
