package dev.ragops.embedder;

/**
 * How a model's token vectors (its {@code last_hidden_state}) become one vector per text. Plain
 * Java on purpose: DJL's ONNX Runtime engine has no NDArray math.
 */
enum Pooling {
  /** The vector of the first token ({@code [CLS]}), as BGE models are trained. */
  CLS {
    @Override
    float[] pool(HiddenStates states, long[] attentionMask, int row) {
      float[] out = new float[states.dim()];
      System.arraycopy(states.values(), states.offset(row, 0), out, 0, states.dim());
      return out;
    }
  },
  /** The mean of the vectors of the real (unpadded) tokens, as sentence-transformers models. */
  MEAN {
    @Override
    float[] pool(HiddenStates states, long[] attentionMask, int row) {
      int dim = states.dim();
      double[] sum = new double[dim];
      int tokens = 0;
      for (int t = 0; t < states.width(); t++) {
        if (attentionMask[row * states.width() + t] == 0) {
          continue;
        }
        tokens++;
        int base = states.offset(row, t);
        for (int d = 0; d < dim; d++) {
          sum[d] += states.values()[base + d];
        }
      }
      float[] out = new float[dim];
      for (int d = 0; d < dim && tokens > 0; d++) {
        out[d] = (float) (sum[d] / tokens);
      }
      return out;
    }
  };

  /**
   * Pools the tokens of one row of a batch.
   *
   * @param states hidden states of the whole batch
   * @param attentionMask the batch's mask, row-major {@code [rows][width]}; 0 marks padding
   * @param row which text of the batch
   */
  abstract float[] pool(HiddenStates states, long[] attentionMask, int row);

  /**
   * Scales {@code vector} in place to unit L2 norm (accumulating in double) and returns it; a zero
   * vector stays zero.
   */
  static float[] normalize(float[] vector) {
    double sumOfSquares = 0;
    for (float v : vector) {
      sumOfSquares += (double) v * v;
    }
    if (sumOfSquares == 0) {
      return vector;
    }
    double scale = 1.0 / Math.sqrt(sumOfSquares);
    for (int i = 0; i < vector.length; i++) {
      vector[i] = (float) (vector[i] * scale);
    }
    return vector;
  }
}
