package dev.ragops.embedder;

import dev.ragops.model.Embedder;
import dev.ragops.model.Tokenizer;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * {@code POST /v1/embeddings}, compatible with OpenAI's embeddings API, so that ingestion workers
 * on other machines (see {@link RemoteEmbedder}) and OpenAI clients can use this node's model.
 * Texts are embedded as documents, through the same batching and caching embedder as local
 * ingestion. Served by nodes that run a model themselves, i.e. without {@code
 * ragops.embedder.remote-url}.
 */
@Controller("/v1/embeddings")
@Requires(missingProperty = EmbedderFactory.REMOTE_URL)
class EmbeddingsController {

  private final Embedder embedder;
  private final Tokenizer tokenizer;
  private final int maxInputs;

  EmbeddingsController(
      Embedder embedder,
      Tokenizer tokenizer,
      @Value("${ragops.embedder.max-inputs:2048}") int maxInputs) {
    this.embedder = embedder;
    this.tokenizer = tokenizer;
    this.maxInputs = maxInputs;
  }

  /**
   * Embeds the inputs.
   *
   * @throws IllegalArgumentException (400) for a missing, empty or too long input, a non-string
   *     item, an unknown model, a dimension other than the model's or an unknown encoding format
   */
  @Post
  @ExecuteOn(TaskExecutors.BLOCKING)
  EmbeddingResponse embed(@Body EmbeddingRequest request) {
    List<String> texts = request.texts(maxInputs);
    if (request.model() != null && !request.model().equals(embedder.modelId())) {
      throw new IllegalArgumentException(
          "Unknown model '" + request.model() + "'; this node serves '" + embedder.modelId() + "'");
    }
    if (request.dimensions() != null && request.dimensions() != embedder.dimension()) {
      throw new IllegalArgumentException(
          "dimensions must be "
              + embedder.dimension()
              + " for "
              + embedder.modelId()
              + ", got "
              + request.dimensions());
    }
    boolean base64 = request.format().equals(EmbeddingRequest.BASE64);
    List<float[]> vectors = embedder.embedDocuments(texts);
    List<EmbeddingResponse.Item> data = new ArrayList<>(vectors.size());
    int tokens = 0;
    for (int i = 0; i < vectors.size(); i++) {
      float[] vector = vectors.get(i);
      data.add(
          new EmbeddingResponse.Item(
              i, base64 ? Base64.getEncoder().encodeToString(FloatBytes.of(vector)) : vector));
      tokens += tokenizer.count(texts.get(i));
    }
    return new EmbeddingResponse(
        data, embedder.modelId(), new EmbeddingResponse.Usage(tokens, tokens));
  }
}
