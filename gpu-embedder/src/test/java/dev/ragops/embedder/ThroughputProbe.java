package dev.ragops.embedder;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ThroughputProbe {
  @Test
  void measure() {
    try (DjlEmbedder e =
        DjlEmbedder.create(new EmbedderConfig(null, Path.of("target/model-cache"), 1, 32, null))) {
      List<String> shortTexts = new ArrayList<>();
      for (int i = 0; i < 1024; i++)
        shortTexts.add(
            "Sentence number " + i + " talks about topic " + (i * 7 % 13) + " in a short way.");
      List<String> chunks = new ArrayList<>();
      String para =
          "Retrieval augmented generation combines a search index with a language model so answers cite stored passages. ";
      for (int i = 0; i < 96; i++) chunks.add(("chunk " + i + " " + para).repeat(12));
      e.embedDocuments(shortTexts.subList(0, 64));
      for (int round = 0; round < 2; round++) {
        long t0 = System.nanoTime();
        e.embedDocuments(shortTexts);
        double s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "short: %d texts in %.2fs = %.0f/s%n", shortTexts.size(), s, shortTexts.size() / s);
        t0 = System.nanoTime();
        e.embedDocuments(chunks);
        s = (System.nanoTime() - t0) / 1e9;
        System.out.printf(
            "chunks(%d tok): %d in %.2fs = %.1f/s%n",
            chunks.get(0).split(" ").length, chunks.size(), s, chunks.size() / s);
        t0 = System.nanoTime();
        for (int i = 0; i < 200; i++) e.embedQuery("how do I reset my password " + i);
        s = (System.nanoTime() - t0) / 1e9;
        System.out.printf("single queries: 200 in %.2fs = %.0f/s%n", s, 200 / s);
      }
    }
  }
}
