package dev.ragops.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import java.util.List;

/**
 * Token ids of several texts padded to the longest of them, ready for the model: row-major {@code
 * [rows][width]} arrays. Padding has id 0 and attention mask 0; what the padding id is does not
 * matter, because masked positions never reach the real tokens.
 */
record TokenBatch(long[] inputIds, long[] attentionMask, long[] tokenTypeIds, int rows, int width) {

  static TokenBatch pad(List<Encoding> encodings) {
    int rows = encodings.size();
    int width = 0;
    for (Encoding encoding : encodings) {
      width = Math.max(width, encoding.getIds().length);
    }
    long[] ids = new long[rows * width];
    long[] mask = new long[rows * width];
    long[] types = new long[rows * width];
    for (int row = 0; row < rows; row++) {
      Encoding encoding = encodings.get(row);
      int length = encoding.getIds().length;
      System.arraycopy(encoding.getIds(), 0, ids, row * width, length);
      System.arraycopy(encoding.getAttentionMask(), 0, mask, row * width, length);
      System.arraycopy(encoding.getTypeIds(), 0, types, row * width, length);
    }
    return new TokenBatch(ids, mask, types, rows, width);
  }
}
