package dev.ragops.bench.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline: a raw ONNX Runtime session (default options) fed fixed batches in input order, each
 * padded to its longest text, one batch at a time; tokenization, CLS pooling and normalization
 * included, as in the embedder.
 */
final class RawOnnxBaseline implements AutoCloseable {

  private final OrtEnvironment environment = OrtEnvironment.getEnvironment();
  private final OrtSession session;
  private final HuggingFaceTokenizer tokenizer;
  long realTokens;
  long paddingTokens;

  RawOnnxBaseline(String onnxResource, String tokenizerResource) throws IOException, OrtException {
    try (InputStream onnx = resource(onnxResource);
        InputStream json = resource(tokenizerResource)) {
      session = environment.createSession(onnx.readAllBytes(), new OrtSession.SessionOptions());
      tokenizer =
          HuggingFaceTokenizer.newInstance(
              json, Map.of("truncation", "true", "maxLength", "512", "padding", "false"));
    }
  }

  /** Embeds {@code texts} in batches of {@code batchSize}, in order; returns the vector count. */
  int embed(List<String> texts, int batchSize) throws OrtException {
    int vectors = 0;
    for (int start = 0; start < texts.size(); start += batchSize) {
      vectors += embedBatch(texts.subList(start, Math.min(texts.size(), start + batchSize)));
    }
    return vectors;
  }

  private int embedBatch(List<String> texts) throws OrtException {
    Encoding[] encodings = tokenizer.batchEncode(texts);
    int width = 0;
    for (Encoding encoding : encodings) {
      width = Math.max(width, encoding.getIds().length);
    }
    long[][] ids = new long[encodings.length][width];
    long[][] mask = new long[encodings.length][width];
    long[][] types = new long[encodings.length][width];
    for (int row = 0; row < encodings.length; row++) {
      int length = encodings[row].getIds().length;
      System.arraycopy(encodings[row].getIds(), 0, ids[row], 0, length);
      System.arraycopy(encodings[row].getAttentionMask(), 0, mask[row], 0, length);
      System.arraycopy(encodings[row].getTypeIds(), 0, types[row], 0, length);
      realTokens += length;
      paddingTokens += width - length;
    }
    Map<String, long[][]> feeds =
        Map.of("input_ids", ids, "attention_mask", mask, "token_type_ids", types);
    Map<String, OnnxTensor> inputs = new HashMap<>();
    try {
      for (String name : session.getInputNames()) {
        inputs.put(name, OnnxTensor.createTensor(environment, feeds.get(name)));
      }
      try (OrtSession.Result result = session.run(inputs)) {
        float[][][] hidden = (float[][][]) result.get(0).getValue();
        for (float[][] text : hidden) {
          float[] cls = text[0];
          double norm = 0;
          for (float v : cls) {
            norm += v * v;
          }
          for (int d = 0; d < cls.length; d++) {
            cls[d] /= (float) Math.sqrt(norm);
          }
        }
        return hidden.length;
      }
    } finally {
      inputs.values().forEach(OnnxTensor::close);
    }
  }

  private static InputStream resource(String name) {
    InputStream in = RawOnnxBaseline.class.getClassLoader().getResourceAsStream(name);
    if (in == null) {
      throw new IllegalStateException(name + " is not on the classpath");
    }
    return in;
  }

  @Override
  public void close() throws OrtException {
    session.close();
    tokenizer.close();
  }
}
