/**
 * Stores chunks and makes them searchable.
 *
 * <ul>
 *   <li>{@link dev.ragops.indexer.Indexer}: the entry point; writes chunks to the database (source
 *       of truth) and then to the node's Lucene index, and rebuilds Lucene from the database.
 *   <li>Database: Flyway migrations per database under {@code db/migration/{h2,postgres}}; the
 *       {@code chunks} table keeps every vector (pgvector's {@code vector} or bytes on H2).
 *   <li>Search: {@link dev.ragops.indexer.LuceneKeywordIndex} (BM25), {@link
 *       dev.ragops.indexer.LuceneVectorStore} (Lucene HNSW, embedded mode) and {@link
 *       dev.ragops.indexer.PgVectorStore} (pgvector HNSW, PostgreSQL mode).
 * </ul>
 */
package dev.ragops.indexer;
