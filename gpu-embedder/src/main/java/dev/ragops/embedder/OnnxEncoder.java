package dev.ragops.embedder;

import ai.djl.Device;
import ai.djl.ModelException;
import ai.djl.engine.Engine;
import ai.djl.engine.EngineException;
import ai.djl.engine.StandardCapabilities;
import ai.djl.inference.Predictor;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.repository.zoo.Criteria;
import ai.djl.repository.zoo.ZooModel;
import ai.djl.translate.NoopTranslator;
import ai.djl.translate.TranslateException;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an ONNX encoder through DJL's ONNX Runtime engine: token ids in, {@code last_hidden_state}
 * out. DJL predictors are not thread-safe, so each call borrows one from a fixed pool; callers
 * beyond the pool size wait. All predictors share one ONNX Runtime session.
 */
final class OnnxEncoder implements AutoCloseable {

  static {
    DjlOffline.enable();
  }

  private static final Logger LOG = LoggerFactory.getLogger(OnnxEncoder.class);
  private static final String ENGINE = "OnnxRuntime";

  private final ZooModel<NDList, NDList> model;
  private final List<Predictor<NDList, NDList>> predictors = new ArrayList<>();
  private final BlockingQueue<Predictor<NDList, NDList>> idle;
  private final boolean takesTokenTypes;
  private final Device device;

  private OnnxEncoder(ZooModel<NDList, NDList> model, int poolSize) {
    this.model = model;
    this.device = model.getNDManager().getDevice();
    this.takesTokenTypes = model.describeInput().keys().contains("token_type_ids");
    this.idle = new ArrayBlockingQueue<>(poolSize);
    for (int i = 0; i < poolSize; i++) {
      Predictor<NDList, NDList> predictor = model.newPredictor();
      predictors.add(predictor);
      idle.add(predictor);
    }
  }

  /**
   * Loads the model on the requested device; CUDA falls back to the CPU with one warning.
   *
   * @throws IllegalStateException if the model cannot be loaded
   */
  static OnnxEncoder load(Path onnx, EmbedderConfig.Device requested, int poolSize) {
    if (requested == EmbedderConfig.Device.CUDA) {
      if (!Engine.getEngine(ENGINE).hasCapability(StandardCapabilities.CUDA)) {
        LOG.warn(
            "ragops.embedder.device=cuda, but this ONNX Runtime has no CUDA provider "
                + "(build with -Pgpu for onnxruntime_gpu); embedding on the CPU instead");
      } else {
        try {
          return new OnnxEncoder(loadModel(onnx, Device.gpu()), poolSize);
        } catch (ModelException | IOException | EngineException e) {
          LOG.warn(
              "ragops.embedder.device=cuda, but the model did not load on the GPU ({}); "
                  + "embedding on the CPU instead",
              e.toString());
        }
      }
    }
    try {
      return new OnnxEncoder(loadModel(onnx, Device.cpu()), poolSize);
    } catch (ModelException | IOException | EngineException e) {
      throw new IllegalStateException("Cannot load ONNX model " + onnx, e);
    }
  }

  private static ZooModel<NDList, NDList> loadModel(Path onnx, Device device)
      throws ModelException, IOException {
    return Criteria.builder()
        .setTypes(NDList.class, NDList.class)
        .optModelPath(onnx.getParent())
        .optModelName(onnx.getFileName().toString().replaceFirst("\\.onnx$", ""))
        .optEngine(ENGINE)
        .optDevice(device)
        .optTranslator(new NoopTranslator())
        .build()
        .loadModel();
  }

  /** The device the model actually runs on. */
  Device device() {
    return device;
  }

  /**
   * Runs one padded batch through the model.
   *
   * @throws NonRetriableException if the model rejects the batch
   * @throws RetriableException if the thread is interrupted while waiting for a predictor
   */
  HiddenStates forward(TokenBatch batch) {
    Predictor<NDList, NDList> predictor = borrow();
    try (NDManager manager = model.getNDManager().newSubManager()) {
      Shape shape = new Shape(batch.rows(), batch.width());
      NDList inputs = new NDList();
      inputs.add(named(manager.create(batch.inputIds(), shape), "input_ids"));
      inputs.add(named(manager.create(batch.attentionMask(), shape), "attention_mask"));
      if (takesTokenTypes) {
        inputs.add(named(manager.create(batch.tokenTypeIds(), shape), "token_type_ids"));
      }
      NDArray hidden = lastHiddenState(predictor.predict(inputs));
      Shape out = hidden.getShape();
      if (out.dimension() != 3 || out.get(0) != batch.rows() || out.get(1) != batch.width()) {
        throw new NonRetriableException("Unexpected model output shape " + out);
      }
      return new HiddenStates(
          hidden.toFloatArray(), batch.rows(), batch.width(), Math.toIntExact(out.get(2)));
    } catch (TranslateException | EngineException e) {
      throw new NonRetriableException(
          "Embedding model failed on a batch of " + batch.rows() + " texts", e);
    } finally {
      idle.add(predictor);
    }
  }

  private static NDArray named(NDArray array, String name) {
    array.setName(name);
    return array;
  }

  private static NDArray lastHiddenState(NDList outputs) {
    NDArray named = outputs.get("last_hidden_state");
    return named != null ? named : outputs.head();
  }

  private Predictor<NDList, NDList> borrow() {
    try {
      return idle.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RetriableException("Interrupted while waiting for an embedding predictor", e);
    }
  }

  @Override
  public void close() {
    predictors.forEach(Predictor::close);
    model.close();
  }
}
