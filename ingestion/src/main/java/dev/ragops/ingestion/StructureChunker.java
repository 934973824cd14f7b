package dev.ragops.ingestion;

import dev.ragops.model.Tokenizer;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Never lets a chunk cross a heading or a page break: the text is cut into sections at every
 * heading and page start the parser found (HTML, Markdown, DOCX and ODF headings; PDF pages), and
 * each section is chunked on its own like {@link RecursiveChunker} does, overlap included. Each
 * chunk therefore has one heading path and one page.
 */
final class StructureChunker implements Chunker {

  private final Tokenizer tokenizer;
  private final RecursiveChunker sections;
  private final int maxTokens;
  private final int overlap;

  StructureChunker(Tokenizer tokenizer, int maxTokens, int overlap) {
    this.tokenizer = tokenizer;
    this.sections = new RecursiveChunker(tokenizer, maxTokens, overlap);
    this.maxTokens = maxTokens;
    this.overlap = overlap;
  }

  @Override
  public String settings() {
    return "structure:max-tokens=" + maxTokens + ":overlap=" + overlap;
  }

  @Override
  public List<ChunkSpan> chunk(String text, TextStructure structure) {
    var tokens = new TokenIndex(tokenizer.spans(text));
    var boundaries = new TreeSet<Integer>();
    boundaries.add(0);
    boundaries.add(text.length());
    structure.headings().forEach(heading -> boundaries.add(heading.offset()));
    boundaries.addAll(structure.pageStarts());
    boundaries.removeIf(offset -> offset < 0 || offset > text.length());
    List<ChunkSpan> chunks = new ArrayList<>();
    Integer from = boundaries.first();
    for (Integer to : boundaries.tailSet(from, false)) {
      chunks.addAll(sections.chunkRange(text, tokens, from, to));
      from = to;
    }
    return chunks;
  }
}
