package dev.ragops.testkit;

import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * The seed of a test's randomness, as in Lucene's {@code LuceneTestCase}: {@value #DEFAULT} unless
 * {@code -Dtests.seed=HEX} is given; printed with the command line to reproduce when a test fails.
 * Register it with {@code @RegisterExtension static final TestSeed SEED = new TestSeed();}.
 */
public final class TestSeed implements TestWatcher {

  /** The seed used when {@code tests.seed} is not set. */
  public static final long DEFAULT = 0x5EEDL;

  private final long value;

  public TestSeed() {
    String property = System.getProperty("tests.seed", "").trim();
    this.value = property.isEmpty() ? DEFAULT : Long.parseUnsignedLong(property, 16);
  }

  public long value() {
    return value;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    System.err.printf(
        "%s failed with seed %X; reproduce with -Dtests.seed=%X%n",
        context.getDisplayName(), value, value);
  }

  @Override
  public String toString() {
    return Long.toHexString(value).toUpperCase();
  }
}
