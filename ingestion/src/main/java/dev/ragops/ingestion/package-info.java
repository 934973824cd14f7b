/**
 * Ingestion: collections, uploads, and the jobs that take each document through Tika text
 * extraction, token-window chunking, embedding and indexing.
 *
 * <p>{@link dev.ragops.ingestion.Ingestor} is the entry point. Documents are identified by
 * (collection, source id): identical bytes again are {@code unchanged}; changed bytes make a new
 * version whose chunks replace the old ones when its job succeeds.
 */
package dev.ragops.ingestion;
