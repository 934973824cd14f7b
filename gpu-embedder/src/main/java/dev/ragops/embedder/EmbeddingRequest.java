package dev.ragops.embedder;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.ArrayList;
import java.util.List;

/**
 * The body of {@code POST /v1/embeddings}, as in OpenAI's embeddings API.
 *
 * @param input one string, or an array of strings
 * @param model the model's id; optional, the node's model when absent
 * @param encodingFormat {@code float} (default) or {@code base64} (little-endian float32)
 * @param dimensions optional; must be the model's dimension if given
 * @param user accepted and ignored
 */
@Serdeable
record EmbeddingRequest(
    @Nullable Object input,
    @Nullable String model,
    @JsonProperty("encoding_format") @Nullable String encodingFormat,
    @Nullable Integer dimensions,
    @Nullable String user) {

  static final String FLOAT = "float";
  static final String BASE64 = "base64";

  /**
   * The texts to embed.
   *
   * @throws IllegalArgumentException if the input is missing, empty, longer than {@code maxInputs}
   *     or not made of strings
   */
  List<String> texts(int maxInputs) {
    if (input instanceof String text) {
      return List.of(text);
    }
    if (!(input instanceof List<?> items)) {
      throw new IllegalArgumentException(
          "input is required: a string or an array of strings"
              + (input == null ? "" : ", got " + input.getClass().getSimpleName()));
    }
    if (items.isEmpty()) {
      throw new IllegalArgumentException("input must not be an empty array");
    }
    if (items.size() > maxInputs) {
      throw new IllegalArgumentException(
          "input has " + items.size() + " items; at most " + maxInputs + " per request");
    }
    List<String> texts = new ArrayList<>(items.size());
    for (int i = 0; i < items.size(); i++) {
      if (!(items.get(i) instanceof String text)) {
        throw new IllegalArgumentException(
            "input[" + i + "] must be a string (token arrays are not supported)");
      }
      texts.add(text);
    }
    return texts;
  }

  /**
   * {@code float} or {@code base64}.
   *
   * @throws IllegalArgumentException for any other value
   */
  String format() {
    if (encodingFormat == null || encodingFormat.equals(FLOAT)) {
      return FLOAT;
    }
    if (encodingFormat.equals(BASE64)) {
      return BASE64;
    }
    throw new IllegalArgumentException(
        "encoding_format must be 'float' or 'base64', got '" + encodingFormat + "'");
  }
}
