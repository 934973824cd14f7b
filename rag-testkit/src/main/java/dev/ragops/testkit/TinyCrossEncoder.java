package dev.ragops.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;

/**
 * A tiny ONNX graph with a cross-encoder's signature ({@code input_ids}, {@code attention_mask},
 * {@code token_type_ids} → {@code logits [batch, 1]}) whose logit is the number of real tokens in
 * the second segment, for testing reranking plumbing where no real cross-encoder can be had. Built
 * by {@code cross-encoder/build_tiny_cross_encoder.py} (Debian's python3-onnx).
 */
public final class TinyCrossEncoder {

  private TinyCrossEncoder() {}

  /** Copies the model into {@code directory} and returns its path. */
  public static Path extractTo(Path directory) {
    return copy(
        "/cross-encoder/tiny-cross-encoder.onnx", directory.resolve("tiny-cross-encoder.onnx"));
  }

  /**
   * Copies the BGE tokenizer (BERT uncased WordPiece, like most cross-encoders) from the model jar
   * on the classpath into {@code directory} and returns its path.
   */
  public static Path bgeTokenizerTo(Path directory) {
    return copy("/bge-small-en-v1.5-q-tokenizer.json", directory.resolve("tokenizer.json"));
  }

  private static Path copy(String resource, Path target) {
    try (var in = TinyCrossEncoder.class.getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(resource + " is not on the classpath");
      }
      Files.createDirectories(target.getParent());
      Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
      return target;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
