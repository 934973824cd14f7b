package dev.ragops.embedder;

import dev.ragops.model.Reranker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.util.List;

/**
 * Reranks with a second, usually stronger, bi-encoder from the model registry (e.g. {@code
 * bge-small-en-v1.5}, the fp32 model, over the int8 default): the score is the cosine similarity of
 * the query and passage embeddings. Configure with {@code ragops.rerank.bi-encoder.model}.
 */
@Singleton
@Requires(property = "ragops.rerank.bi-encoder.model")
@Requires(missingProperty = "ragops.rerank.cross-encoder.model")
public final class BiEncoderReranker implements Reranker {

  private final DjlEmbedder model;

  BiEncoderReranker(
      @Value("${ragops.rerank.bi-encoder.model}") String modelId, EmbedderConfig embedder) {
    this.model = DjlEmbedder.create(embedder.withModel(modelId));
  }

  @Override
  public String name() {
    return model.modelId();
  }

  @Override
  public double[] score(String query, List<String> passages) {
    float[] question = model.embedQuery(query);
    List<float[]> vectors = model.embedDocuments(passages);
    double[] scores = new double[passages.size()];
    for (int i = 0; i < scores.length; i++) {
      float[] vector = vectors.get(i);
      double dot = 0;
      for (int d = 0; d < vector.length; d++) {
        dot += question[d] * vector[d];
      }
      scores[i] = dot;
    }
    return scores;
  }

  @PreDestroy
  void close() {
    model.close();
  }
}
