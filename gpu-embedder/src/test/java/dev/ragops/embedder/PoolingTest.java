package dev.ragops.embedder;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import org.junit.jupiter.api.Test;

class PoolingTest {

  // two texts, three token positions, two floats per token; text 1 has one padding position
  private static final HiddenStates STATES =
      new HiddenStates(
          new float[] {
            1, 2, 3, 4, 5, 6, //
            7, 8, 9, 10, 100, 100
          },
          2,
          3,
          2);
  private static final long[] MASK = {1, 1, 1, 1, 1, 0};

  @Test
  void clsTakesTheFirstTokenOfEachRow() {
    assertArrayEquals(new float[] {1, 2}, Pooling.CLS.pool(STATES, MASK, 0));
    assertArrayEquals(new float[] {7, 8}, Pooling.CLS.pool(STATES, MASK, 1));
  }

  @Test
  void meanAveragesOnlyUnmaskedTokens() {
    assertArrayEquals(new float[] {3, 4}, Pooling.MEAN.pool(STATES, MASK, 0));
    assertArrayEquals(new float[] {8, 9}, Pooling.MEAN.pool(STATES, MASK, 1));
  }

  @Test
  void normalizeScalesToUnitLengthAndLeavesZeroAlone() {
    assertArrayEquals(new float[] {0.6f, 0.8f}, Pooling.normalize(new float[] {3, 4}), 1e-7f);
    assertArrayEquals(new float[] {0, 0}, Pooling.normalize(new float[] {0, 0}));
  }
}
