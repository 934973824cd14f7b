package dev.ragops.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OnnxValue;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.Reranker;
import io.micronaut.context.annotation.Requires;
import io.micronaut.context.annotation.Value;
import jakarta.annotation.PreDestroy;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A cross-encoder reranker: any Hugging Face cross-encoder exported to ONNX, given by path with its
 * {@code tokenizer.json}. Each (query, passage) pair is tokenized as one sequence (segment ids 0
 * for the query, 1 for the passage, the passage truncated to fit {@code max-tokens}), pairs are
 * batched and padded, and the first logit of each row is its score. Inputs the model does not
 * declare (e.g. {@code token_type_ids}) are not fed.
 *
 * <p>Configure with {@code ragops.rerank.cross-encoder.model} and {@code
 * ragops.rerank.cross-encoder.tokenizer}. The plumbing is tested with a tiny graph of the same
 * signature; ranking quality with a real cross-encoder is untested here.
 */
@Singleton
@Requires(property = "ragops.rerank.cross-encoder.model")
public final class CrossEncoder implements Reranker {

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  private final String name;
  private final int batchSize;

  CrossEncoder(
      @Value("${ragops.rerank.cross-encoder.model}") Path model,
      @Value("${ragops.rerank.cross-encoder.tokenizer}") Path tokenizerJson,
      @Value("${ragops.rerank.cross-encoder.max-tokens:512}") int maxTokens,
      @Value("${ragops.rerank.cross-encoder.batch-size:16}") int batchSize) {
    if (maxTokens < 8 || batchSize < 1) {
      throw new IllegalArgumentException(
          "ragops.rerank.cross-encoder: max-tokens must be >= 8 and batch-size >= 1");
    }
    DjlOffline.enable();
    try {
      this.tokenizer =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(tokenizerJson)
              .optAddSpecialTokens(true)
              .optTruncateSecondOnly()
              .optMaxLength(maxTokens)
              .optPadding(false)
              .build();
      this.session = environment.createSession(model.toString(), new OrtSession.SessionOptions());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the cross-encoder tokenizer " + tokenizerJson, e);
    } catch (OrtException e) {
      throw new IllegalStateException("cannot load the cross-encoder model " + model, e);
    }
    this.name = model.getFileName().toString();
    this.batchSize = batchSize;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public double[] score(String query, List<String> passages) {
    double[] scores = new double[passages.size()];
    for (int from = 0; from < passages.size(); from += batchSize) {
      int to = Math.min(from + batchSize, passages.size());
      double[] batch = scoreBatch(query, passages.subList(from, to));
      System.arraycopy(batch, 0, scores, from, batch.length);
    }
    return scores;
  }

  private double[] scoreBatch(String query, List<String> passages) {
    Encoding[] encodings = new Encoding[passages.size()];
    int length = 0;
    for (int i = 0; i < passages.size(); i++) {
      encodings[i] = tokenizer.encode(query, passages.get(i));
      length = Math.max(length, encodings[i].getIds().length);
    }
    long[][] ids = new long[encodings.length][length];
    long[][] mask = new long[encodings.length][length];
    long[][] types = new long[encodings.length][length];
    for (int i = 0; i < encodings.length; i++) {
      long[] tokenIds = encodings[i].getIds();
      long[] typeIds = encodings[i].getTypeIds();
      System.arraycopy(tokenIds, 0, ids[i], 0, tokenIds.length);
      System.arraycopy(typeIds, 0, types[i], 0, typeIds.length);
      java.util.Arrays.fill(mask[i], 0, tokenIds.length, 1L);
    }
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      var declared = session.getInputNames();
      putIfDeclared(inputs, declared, "input_ids", ids);
      putIfDeclared(inputs, declared, "attention_mask", mask);
      putIfDeclared(inputs, declared, "token_type_ids", types);
      try (OrtSession.Result result = session.run(inputs)) {
        return logits(result.get(0), encodings.length);
      }
    } catch (OrtException e) {
      throw new NonRetriableException("the cross-encoder failed on a batch: " + e.getMessage(), e);
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private void putIfDeclared(
      Map<String, OnnxTensor> inputs, java.util.Set<String> declared, String name, long[][] values)
      throws OrtException {
    if (declared.contains(name)) {
      inputs.put(name, OnnxTensor.createTensor(environment, values));
    }
  }

  /** Logits shaped [batch, n] (the first column) or [batch]. */
  private static double[] logits(OnnxValue output, int rows) throws OrtException {
    Object value = output.getValue();
    double[] scores = new double[rows];
    for (int i = 0; i < rows; i++) {
      scores[i] =
          switch (value) {
            case float[][] matrix -> matrix[i][0];
            case float[] vector -> vector[i];
            default ->
                throw new NonRetriableException(
                    "the cross-encoder's first output must be float logits [batch, n], got "
                        + output.getInfo());
          };
    }
    return scores;
  }

  @PreDestroy
  void close() throws OrtException {
    session.close();
    tokenizer.close();
  }
}
