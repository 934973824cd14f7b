package dev.ragops.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The {@link Chunker} contract on random text, for every strategy and random settings. Each case
 * prints its seed on failure; {@code -Dragops.test.seed=N} replays one.
 */
class ChunkerPropertiesTest {

  private static final PieceTokenizer TOKENIZER = new PieceTokenizer();
  private static final int CASES = 300;

  @Test
  void everyChunkerKeepsTheContract() {
    long master = Long.getLong("ragops.test.seed", System.nanoTime());
    var seeds = new Random(master);
    for (int i = 0; i < CASES; i++) {
      long seed = seeds.nextLong();
      try {
        checkCase(seed);
      } catch (AssertionError e) {
        throw new AssertionError(
            "chunker property failed; replay with -Dragops.test.seed="
                + master
                + " (case "
                + i
                + ", seed "
                + seed
                + ")",
            e);
      }
    }
  }

  private static void checkCase(long seed) {
    var random = new Random(seed);
    var document = RandomDocument.generate(random);
    int maxTokens = 8 + random.nextInt(60);
    int overlap = random.nextInt(maxTokens / 2);
    int sentences = 1 + random.nextInt(4);
    int sentenceOverlap = random.nextInt(sentences);
    List<Chunker> chunkers =
        List.of(
            new TokenWindowChunker(TOKENIZER, maxTokens, overlap),
            new RecursiveChunker(TOKENIZER, maxTokens, overlap),
            new SentenceWindowChunker(TOKENIZER, maxTokens, sentences, sentenceOverlap),
            new StructureChunker(TOKENIZER, maxTokens, overlap));
    for (Chunker chunker : chunkers) {
      var spans = chunker.chunk(document.text(), document.structure());
      String what = chunker.settings() + " on " + document.text().length() + " chars";
      checkSpans(what, document.text(), spans, maxTokens);
      if (!(chunker instanceof SentenceWindowChunker)) {
        checkOverlap(what, document.text(), spans, overlap, chunker instanceof TokenWindowChunker);
      }
      if (chunker instanceof StructureChunker) {
        for (ChunkSpan span : spans) {
          for (int boundary : boundaries(document.structure())) {
            assertThat(boundary <= span.start() || boundary >= span.end())
                .as("%s: chunk %s crosses the section boundary at %d", what, span, boundary)
                .isTrue();
          }
        }
      }
    }
  }

  private static void checkSpans(String what, String text, List<ChunkSpan> spans, int maxTokens) {
    assertThat(spans.isEmpty()).as(what + ": no chunks").isEqualTo(text.isBlank());
    int previousStart = -1;
    int previousEnd = -1;
    var stitched = new StringBuilder();
    for (ChunkSpan span : spans) {
      assertThat(span.start()).as(what).isGreaterThanOrEqualTo(0).isLessThan(span.end());
      assertThat(span.end()).as(what).isLessThanOrEqualTo(text.length());
      assertThat(Character.isWhitespace(text.charAt(span.start()))).as(what + " start").isFalse();
      assertThat(Character.isWhitespace(text.charAt(span.end() - 1))).as(what + " end").isFalse();
      assertThat(span.start()).as(what + ": chunks advance").isGreaterThan(previousStart);
      assertThat(span.end()).as(what + ": chunks advance").isGreaterThan(previousEnd);
      assertThat(TOKENIZER.count(span.of(text)))
          .as("%s: tokens of chunk %s", what, span)
          .isLessThanOrEqualTo(maxTokens);
      if (previousEnd < 0) {
        assertThat(text.substring(0, span.start())).as(what + ": leading text").isBlank();
        stitched.append(span.of(text));
      } else {
        if (span.start() > previousEnd) {
          String gap = text.substring(previousEnd, span.start());
          assertThat(gap).as("%s: text between chunks is dropped", what).isBlank();
          stitched.append(gap);
        }
        stitched.append(text, Math.max(span.start(), previousEnd), span.end());
      }
      previousStart = span.start();
      previousEnd = span.end();
    }
    if (!spans.isEmpty()) {
      assertThat(text.substring(previousEnd)).as(what + ": trailing text").isBlank();
      assertThat(stitched.toString())
          .as(what + ": chunks minus overlaps reproduce the text")
          .isEqualTo(text.strip());
    }
  }

  private static void checkOverlap(
      String what, String text, List<ChunkSpan> spans, int overlap, boolean exact) {
    var tokens = new TokenIndex(TOKENIZER.spans(text));
    for (int i = 1; i < spans.size(); i++) {
      int shared =
          spans.get(i).start() < spans.get(i - 1).end()
              ? tokens.count(spans.get(i).start(), spans.get(i - 1).end())
              : 0;
      assertThat(shared).as("%s: overlap of chunk %d", what, i).isLessThanOrEqualTo(overlap);
      if (exact) {
        assertThat(shared).as("%s: overlap of chunk %d", what, i).isEqualTo(overlap);
      }
    }
  }

  private static List<Integer> boundaries(TextStructure structure) {
    List<Integer> boundaries = new ArrayList<>(structure.pageStarts());
    structure.headings().forEach(heading -> boundaries.add(heading.offset()));
    return boundaries;
  }

  @Test
  void headingPathAndPageFollowTheStructure() {
    String text = "Intro\nA\nfirst para\nB\nsecond para\n";
    var structure =
        new TextStructure(
            List.of(
                new TextStructure.Heading(0, 1, "Intro"),
                new TextStructure.Heading(6, 2, "A"),
                new TextStructure.Heading(19, 2, "B")),
            List.of(0, 19));
    assertThat(structure.headingPathAt(10)).isEqualTo("Intro > A");
    assertThat(structure.headingPathAt(25)).isEqualTo("Intro > B");
    assertThat(structure.pageAt(10)).isEqualTo(1);
    assertThat(structure.pageAt(25)).isEqualTo(2);
    assertThat(TextStructure.NONE.pageAt(3)).isZero();
  }
}
