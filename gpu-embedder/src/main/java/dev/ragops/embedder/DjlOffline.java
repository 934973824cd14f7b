package dev.ragops.embedder;

/**
 * Keeps DJL off the network. Unless told otherwise, DJL looks up a cloud metadata address (its
 * usage telemetry) when a tokenizer or engine starts. DJL 0.38 reads both switches below from
 * system properties as well as from the environment, so setting them here is enough; deployments
 * should still set {@code -Dai.djl.offline=true} and the environment variable {@code
 * OPT_OUT_TRACKING=true}, which also cover code that touches DJL before this module does.
 */
final class DjlOffline {

  private DjlOffline() {}

  /** Sets the switches unless the JVM was started with a value for them. */
  static void enable() {
    setIfAbsent("ai.djl.offline", "true");
    setIfAbsent("OPT_OUT_TRACKING", "true");
  }

  private static void setIfAbsent(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }
}
