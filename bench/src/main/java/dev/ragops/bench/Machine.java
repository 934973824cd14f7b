package dev.ragops.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** A one-line description of the machine a benchmark ran on. */
public final class Machine {

  private Machine() {}

  public static String describe() {
    String cpu = "unknown CPU";
    try {
      cpu =
          Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
              .filter(line -> line.startsWith("model name"))
              .map(line -> line.substring(line.indexOf(':') + 1).strip())
              .findFirst()
              .orElse(cpu);
    } catch (IOException ignored) {
      // not Linux: keep the default
    }
    return Runtime.getRuntime().availableProcessors()
        + " cores ("
        + cpu
        + "), "
        + Runtime.getRuntime().maxMemory() / (1 << 20)
        + " MiB heap, Java "
        + Runtime.version();
  }
}
