package dev.ragops.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import dev.ragops.model.Embedder;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.composite.CompositeMeterRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * An {@link Embedder} running a registered ONNX model (default {@code bge-small-en-v1.5-q}) on ONNX
 * Runtime through DJL, offline, on the CPU or a CUDA GPU.
 *
 * <p>Each call tokenizes its texts (truncating each to the model's maximum length) and hands them
 * to a {@link MicroBatcher}, which gathers the texts of concurrent callers, sorts them by token
 * count and runs them in batches of {@code batchSize}, so that a batch pads to texts of similar
 * length. Results come back in input order. Thread-safe: up to {@code poolSize} batches run at
 * once.
 *
 * <p>Quantized (int8) models give slightly different vectors for a text depending on the other
 * texts of its batch (cosine similarity about 0.997). A caller alone always gets the same batches,
 * so its results are reproducible; texts embedded while other callers are busy may share batches
 * with theirs.
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
  private final EmbedderMetrics metrics;
  private final MicroBatcher<Encoding> batcher;
  private final AtomicBoolean closed = new AtomicBoolean();

  private DjlEmbedder(
      ModelSpec spec,
      HuggingFaceTokenizer tokenizer,
      OnnxEncoder encoder,
      EmbedderConfig config,
      MeterRegistry registry) {
    this.spec = spec;
    this.tokenizer = tokenizer;
    this.encoder = encoder;
    this.metrics = new EmbedderMetrics(registry, spec.id(), this::queueDepth);
    this.batcher =
        new MicroBatcher<>(
            this::embedBatch,
            encoding -> encoding.getIds().length,
            config.batchSize(),
            config.windowSize(),
            config.maxWait(),
            config.queueCapacity(),
            config.poolSize(),
            spec.id());
  }

  private int queueDepth() {
    MicroBatcher<Encoding> current = batcher;
    return current == null ? 0 : current.queueDepth();
  }

  /**
   * Extracts the configured model if needed and loads it.
   *
   * @throws IllegalArgumentException if the model id is unknown
   * @throws IllegalStateException if the model cannot be extracted or loaded
   */
  public static DjlEmbedder create(EmbedderConfig config) {
    return create(config, new CompositeMeterRegistry());
  }

  /** As {@link #create(EmbedderConfig)}, registering its meters in {@code registry}. */
  static DjlEmbedder create(EmbedderConfig config, MeterRegistry registry) {
    ModelSpec spec = ModelRegistry.find(config.model());
    ModelFiles files = new ModelCache(config.cacheDir()).materialize(spec);
    HuggingFaceTokenizer tokenizer = modelInputTokenizer(files.tokenizer(), spec.maxTokens());
    try {
      OnnxEncoder encoder = OnnxEncoder.load(files.model(), config.device(), config.poolSize());
      return new DjlEmbedder(spec, tokenizer, encoder, config, registry);
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

  /** Counts of the work done so far, and the texts waiting now. */
  public Stats stats() {
    return metrics.snapshot();
  }

  /**
   * {@inheritDoc}
   *
   * @throws IllegalArgumentException if a text is null
   * @throws NonRetriableException if the model fails on the texts
   * @throws RetriableException if interrupted, or if the queue stays full (backpressure)
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
    return List.of(batcher.embed(Arrays.asList(encodings)));
  }

  /** Embeds the query with the model's query instruction in front of it. */
  @Override
  public float[] embedQuery(String query) {
    if (query == null) {
      throw new IllegalArgumentException("query is null");
    }
    return embedDocuments(List.of(spec.queryPrefix() + query)).get(0);
  }

  /** Runs one batch through the model: pads, encodes, pools and normalizes. */
  private float[][] embedBatch(List<Encoding> batch) {
    TokenBatch tokens = TokenBatch.pad(batch);
    HiddenStates states = encoder.forward(tokens);
    float[][] vectors = new float[batch.size()][];
    long realTokens = 0;
    for (int row = 0; row < batch.size(); row++) {
      float[] vector = spec.pooling().pool(states, tokens.attentionMask(), row);
      vectors[row] = spec.normalize() ? Pooling.normalize(vector) : vector;
      realTokens += batch.get(row).getIds().length;
    }
    metrics.recordBatch(tokens.rows(), tokens.width(), realTokens);
    return vectors;
  }

  /** Stops taking texts, finishes the batches running, then frees the model and the tokenizer. */
  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      batcher.close();
      encoder.close();
      tokenizer.close();
    }
  }

  boolean isClosed() {
    return closed.get();
  }

  /**
   * Work done by a {@link DjlEmbedder} since it was created.
   *
   * @param texts texts embedded by the model
   * @param batches model calls
   * @param realTokens tokens of the texts, special tokens included
   * @param paddingTokens padding positions the model computed as well
   * @param queueDepth texts waiting for the model now
   */
  public record Stats(
      long texts, long batches, long realTokens, long paddingTokens, int queueDepth) {

    /** Padding tokens per real token: 0 when batches hold texts of equal length. */
    public double paddingWaste() {
      return realTokens == 0 ? 0 : (double) paddingTokens / realTokens;
    }
  }
}
