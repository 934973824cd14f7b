package dev.ragops.embedder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Vector checks shared by the tests. */
final class VectorAssertions {

  private VectorAssertions() {}

  static double dot(float[] a, float[] b) {
    assertEquals(a.length, b.length, "dimension");
    double sum = 0;
    for (int i = 0; i < a.length; i++) {
      sum += (double) a[i] * b[i];
    }
    return sum;
  }

  static double cosine(float[] a, float[] b) {
    return dot(a, b) / Math.sqrt(dot(a, a) * dot(b, b));
  }

  static void assertUnitLength(float[] vector) {
    assertEquals(1.0, Math.sqrt(dot(vector, vector)), 1e-5, "L2 norm");
  }

  static void assertClose(float[] expected, float[] actual, double tolerance, String what) {
    assertEquals(expected.length, actual.length, what + ": dimension");
    double worst = 0;
    for (int i = 0; i < expected.length; i++) {
      worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
    }
    assertTrue(worst <= tolerance, what + ": max abs difference " + worst + " > " + tolerance);
  }
}
