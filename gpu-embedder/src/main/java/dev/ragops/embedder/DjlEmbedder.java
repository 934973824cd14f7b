package dev.ragops.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.ragops.model.Embedder;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link Embedder} running a registered ONNX model (default {@code bge-small-en-v1.5-q}) on ONNX
 * Runtime through DJL, offline, on the CPU or a CUDA GPU.
 *
 * <p>Each call tokenizes all its texts (truncating each to the model's maximum length), sorts them
 * by token count and embeds them in batches of {@code batchSize}, so that a batch pads to texts of
 * similar length. Results come back in input order. Thread-safe: up to {@code poolSize} batches run
 * at once. Quantized (int8) models give slightly different vectors for a text depending on the
 * other texts of its batch (cosine similarity about 0.997); single-text calls are exact.
 *
 * <p>Close it to free the native model and tokenizer.
 */
public final class DjlEmbedder implements Embedder, AutoCloseable {

  static {
    DjlOffline.enable();
  }

  private final ModelSpec spec;
  private final HuggingFaceTokenizer tokenizer;
  private final OnnxEncoder encoder;
  private final int batchSize;
  private final AtomicBoolean closed = new AtomicBoolean();

  DjlEmbedder(ModelSpec spec, HuggingFaceTokenizer tokenizer, OnnxEncoder encoder, int batchSize) {
    this.spec = spec;
    this.tokenizer = tokenizer;
    this.encoder = encoder;
    this.batchSize = batchSize;
  }

  /**
   * Extracts the configured model if needed and loads it.
   *
   * @throws IllegalArgumentException if the model id is unknown
   * @throws IllegalStateException if the model cannot be extracted or loaded
   */
  public static DjlEmbedder create(EmbedderConfig config) {
    ModelSpec spec = ModelRegistry.find(config.model());
    ModelFiles files = new ModelCache(config.cacheDir()).materialize(spec);
    HuggingFaceTokenizer tokenizer = modelInputTokenizer(files.tokenizer(), spec.maxTokens());
    try {
      OnnxEncoder encoder = OnnxEncoder.load(files.model(), config.device(), config.poolSize());
      return new DjlEmbedder(spec, tokenizer, encoder, config.batchSize());
    } catch (RuntimeException e) {
      tokenizer.close();
      throw e;
    }
  }

  /** Adds special tokens and truncates to {@code maxTokens}; padding is done per batch. */
  private static HuggingFaceTokenizer modelInputTokenizer(Path json, int maxTokens) {
    try {
      HuggingFaceTokenizer.Builder builder =
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(json)
              .optAddSpecialTokens(true)
              .optTruncation(true)
              .optMaxLength(maxTokens)
              .optPadding(false);
      builder.configure(Map.of("modelMaxLength", maxTokens));
      return builder.build();
    } catch (IOException e) {
      throw new IllegalStateException("Cannot load tokenizer " + json, e);
    }
  }

  @Override
  public String modelId() {
    return spec.id();
  }

  @Override
  public int dimension() {
    return spec.dimension();
  }

  /** The device the model runs on, {@code cpu()} or {@code gpu(n)} in DJL's notation. */
  public String device() {
    return encoder.device().toString();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a text is null
   * @throws NonRetriableException if the model fails on the texts
   * @throws RetriableException if interrupted while waiting for a free predictor
   */
  @Override
  public List<float[]> embedDocuments(List<String> texts) {
    if (closed.get()) {
      throw new IllegalStateException("DjlEmbedder for " + spec.id() + " is closed");
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i) == null) {
        throw new IllegalArgumentException("texts[" + i + "] is null");
      }
    }
    if (texts.isEmpty()) {
      return List.of();
    }
    Encoding[] encodings = tokenizer.batchEncode(texts);
    Integer[] order = new Integer[texts.size()];
    Arrays.setAll(order, i -> i);
    Arrays.sort(order, Comparator.comparingInt(i -> encodings[i].getIds().length));

    float[][] vectors = new float[texts.size()][];
    for (int start = 0; start < order.length; start += batchSize) {
      List<Integer> rows =
          Arrays.asList(order).subList(start, Math.min(order.length, start + batchSize));
      List<Encoding> batch = new ArrayList<>(rows.size());
      rows.forEach(i -> batch.add(encodings[i]));
      TokenBatch tokens = TokenBatch.pad(batch);
      HiddenStates states = encoder.forward(tokens);
      for (int row = 0; row < rows.size(); row++) {
        float[] vector = spec.pooling().pool(states, tokens.attentionMask(), row);
        vectors[rows.get(row)] = spec.normalize() ? Pooling.normalize(vector) : vector;
      }
    }
    return List.of(vectors);
  }

  /** Embeds the query with the model's query instruction in front of it. */
  @Override
  public float[] embedQuery(String query) {
    if (query == null) {
      throw new IllegalArgumentException("query is null");
    }
    return embedDocuments(List.of(spec.queryPrefix() + query)).get(0);
  }

  /** Frees the model and the tokenizer; later calls fail. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      encoder.close();
      tokenizer.close();
    }
  }

  boolean isClosed() {
    return closed.get();
  }
}
