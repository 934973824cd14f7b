package dev.ragops.embedder;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * The answer of {@code POST /v1/embeddings}, as in OpenAI's embeddings API: {@code {"object":
 * "list", "data": [{"object": "embedding", "index": 0, "embedding": [...]}], "model": ..., "usage":
 * {"prompt_tokens": ..., "total_tokens": ...}}}.
 */
@Serdeable
record EmbeddingResponse(String object, List<Item> data, String model, Usage usage) {

  EmbeddingResponse(List<Item> data, String model, Usage usage) {
    this("list", data, model, usage);
  }

  /**
   * One input's vector.
   *
   * @param embedding an array of floats, or a base64 string of little-endian float32 bytes
   */
  @Serdeable
  record Item(String object, int index, Object embedding) {

    Item(int index, Object embedding) {
      this("embedding", index, embedding);
    }
  }

  /** Tokens of the inputs, without special tokens. */
  @Serdeable
  record Usage(
      @JsonProperty("prompt_tokens") int promptTokens,
      @JsonProperty("total_tokens") int totalTokens) {}
}
