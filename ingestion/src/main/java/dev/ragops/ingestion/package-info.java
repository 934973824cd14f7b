/**
 * Ingestion: collections, uploads, and the jobs that take each document through text extraction,
 * chunking, embedding and indexing.
 *
 * <ul>
 *   <li>Entry: {@link dev.ragops.ingestion.Ingestor} accepts uploads (multipart, raw body, JSON
 *       text, URL) and retries failed documents. Documents are identified by (collection, source
 *       id): identical bytes again are {@code unchanged}; changed bytes make a new version whose
 *       chunks replace the old ones when its job succeeds.
 *   <li>Extraction: {@code TikaExtractor} reads every format Tika's standard parsers read, within
 *       {@code ParseLimits} (characters, time, compression ratio, nesting), and keeps headings and
 *       page starts ({@code TextStructure}).
 *   <li>Chunking: the {@code Chunker} seam with token-window, recursive, sentence-window and
 *       structure-aware implementations, chosen per collection ({@code ChunkerSettings}).
 *   <li>URL ingestion: {@code UrlFetcher} with {@code AddressPolicy}, which refuses loopback,
 *       link-local, private and other non-public addresses unless allow-listed.
 *   <li>Edits: {@code Documents} patches metadata, deletes by id or by metadata filter ({@code
 *       FilterMatcher}).
 * </ul>
 */
package dev.ragops.ingestion;
