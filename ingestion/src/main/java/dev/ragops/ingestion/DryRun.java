package dev.ragops.ingestion;

import jakarta.inject.Singleton;

/**
 * Parses and chunks a file the way a collection would, without storing or embedding anything: for
 * benchmarks and previews. Parsing runs under the configured {@link ParseLimits}.
 */
@Singleton
public final class DryRun {

  /**
   * What a file would become.
   *
   * @param contentType the type Tika detected
   * @param characters length of the extracted text
   * @param chunks chunks the chunker cut
   * @param parseNanos time spent parsing
   * @param chunkNanos time spent chunking
   */
  public record Result(
      String contentType, int characters, int chunks, long parseNanos, long chunkNanos) {}

  private final TikaExtractor extractor;
  private final Chunkers chunkers;

  DryRun(TikaExtractor extractor, Chunkers chunkers) {
    this.extractor = extractor;
    this.chunkers = chunkers;
  }

  /**
   * Parses {@code content} and chunks it with {@code strategy} ({@code token-window}, {@code
   * recursive}, {@code sentence-window} or {@code structure}) at the configured sizes.
   *
   * @throws dev.ragops.model.NonRetriableException when the file cannot be parsed
   */
  public Result run(byte[] content, String fileName, String strategy) {
    long start = System.nanoTime();
    var extracted = extractor.extract(content, fileName);
    long parsed = System.nanoTime();
    var chunker = chunkers.forSettings(new ChunkerSettings(strategy, null, null, null, null));
    int chunks = chunker.chunk(extracted.text(), extracted.structure()).size();
    long chunked = System.nanoTime();
    return new Result(
        extracted.contentType(),
        extracted.text().length(),
        chunks,
        parsed - start,
        chunked - parsed);
  }
}
