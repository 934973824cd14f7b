/**
 * The ragops vocabulary: framework-free records and the seams the stage modules meet through.
 *
 * <ul>
 *   <li>Values: {@link dev.ragops.model.Chunk}, {@link dev.ragops.model.IndexedChunk}, {@link
 *       dev.ragops.model.ScoredChunk}.
 *   <li>Seams: {@link dev.ragops.model.Embedder} and {@link dev.ragops.model.Tokenizer}
 *       (gpu-embedder), {@link dev.ragops.model.ChunkWriter}, {@link dev.ragops.model.KeywordIndex}
 *       and {@link dev.ragops.model.VectorStore} (indexer), {@link
 *       dev.ragops.model.CollectionCatalog} (ingestion), {@link dev.ragops.model.Retriever}
 *       (retrieval-api).
 *   <li>Freshness seams: {@link dev.ragops.model.IndexGenerations} and {@link
 *       dev.ragops.model.DocumentSources} (ingestion), {@link dev.ragops.model.GenerationStore}
 *       (indexer), {@link dev.ragops.model.EmbedderCatalog} (gpu-embedder), {@link
 *       dev.ragops.model.StalenessView} (rag-eval).
 *   <li>Failures: {@link dev.ragops.model.RagopsException} and its subclasses, split by
 *       retryability.
 *   <li>Observability: {@link dev.ragops.model.Stage} times a stage (Micrometer) and traces it
 *       (OpenTelemetry API) in one place; {@link dev.ragops.model.Traceparent} carries a trace to
 *       work that runs later.
 * </ul>
 */
package dev.ragops.model;
