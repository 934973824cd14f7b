/**
 * Text embeddings with ONNX models on DJL and ONNX Runtime, offline.
 *
 * <ul>
 *   <li>{@link dev.ragops.embedder.DjlEmbedder}: the {@link dev.ragops.model.Embedder}; batching,
 *       pooling and normalization.
 *   <li>{@code ModelTokenizer}: the model's tokenizer as a {@link dev.ragops.model.Tokenizer}, for
 *       chunking by tokens.
 *   <li>{@link dev.ragops.embedder.EmbedderConfig}: configuration under {@code ragops.embedder};
 *       {@code EmbedderFactory} makes both beans from it.
 *   <li>{@code ModelRegistry} and {@code ModelSpec}: the models on the classpath and how to run
 *       them; {@code ModelCache} copies their files to disk once.
 *   <li>{@code OnnxEncoder}: a pool of DJL predictors over one ONNX Runtime session.
 * </ul>
 */
package dev.ragops.embedder;
