package dev.ragops.embedder;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Vectors as little-endian float32 bytes: the embedding cache's column and the OpenAI {@code
 * base64} encoding both use this layout.
 */
final class FloatBytes {

  private FloatBytes() {}

  static byte[] of(float[] vector) {
    ByteBuffer bytes =
        ByteBuffer.allocate(vector.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
    bytes.asFloatBuffer().put(vector);
    return bytes.array();
  }

  /**
   * @throws IllegalArgumentException if the byte count is not a multiple of four
   */
  static float[] toFloats(byte[] bytes) {
    if (bytes.length % Float.BYTES != 0) {
      throw new IllegalArgumentException(
          bytes.length + " bytes are not a whole number of float32 values");
    }
    float[] vector = new float[bytes.length / Float.BYTES];
    ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN).asFloatBuffer().get(vector);
    return vector;
  }
}
