package dev.ragops.embedder;

/**
 * A model's token vectors for one batch: row-major {@code [rows][width][dim]} floats.
 *
 * @param values the flat output tensor
 * @param rows texts in the batch
 * @param width tokens per text after padding
 * @param dim floats per token vector
 */
record HiddenStates(float[] values, int rows, int width, int dim) {

  HiddenStates {
    if (values.length != (long) rows * width * dim) {
      throw new IllegalArgumentException(
          "expected " + rows + "x" + width + "x" + dim + " floats, got " + values.length);
    }
  }

  /** Index in {@link #values()} of the first float of token {@code token} of text {@code row}. */
  int offset(int row, int token) {
    return (row * width + token) * dim;
  }
}
