/**
 * Text embeddings with ONNX models on DJL and ONNX Runtime, offline.
 *
 * <ul>
 *   <li>{@link dev.ragops.embedder.DjlEmbedder}: the local {@link dev.ragops.model.Embedder};
 *       tokenization, pooling and normalization, with {@code MicroBatcher} gathering the texts of
 *       concurrent callers into length-sorted batches.
 *   <li>{@code CachingEmbedder} and {@code EmbeddingCacheTable}: embeds each distinct text once per
 *       model, keyed by {@code TextHash} in the database.
 *   <li>{@link dev.ragops.embedder.RemoteEmbedder}: another node's model over {@code POST
 *       /v1/embeddings}; {@code EmbeddingsController} serves that endpoint.
 *   <li>{@code ModelTokenizer}: the model's tokenizer as a {@link dev.ragops.model.Tokenizer}, for
 *       chunking by tokens.
 *   <li>{@link dev.ragops.embedder.EmbedderConfig}: configuration under {@code ragops.embedder};
 *       {@code EmbedderFactory} makes the beans and chooses which embedder the application gets.
 *   <li>{@code ModelRegistry} and {@code ModelSpec}: the models this module can run; {@code
 *       ModelCache} copies their files to disk once.
 *   <li>{@code OnnxEncoder}: a pool of DJL predictors over one ONNX Runtime session; {@code
 *       EmbedderMetrics}: the Micrometer meters.
 * </ul>
 */
package dev.ragops.embedder;
