package dev.ragops.server;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * Distinct documents of plain English-like text for load and failover tests, from a seed: each
 * document is {@code sentences} sentences of words from a fixed technical vocabulary, and starts
 * with a sentence naming it, so every document (and its chunks) differs from every other.
 */
final class GeneratedCorpus {

  private static final String[] WORDS =
      ("aircraft wing flutter boundary layer laminar turbulent pressure gradient shock wave"
              + " supersonic subsonic heat transfer viscous flow nozzle compressor turbine blade"
              + " stress strain buckling plate shell vibration mode frequency damping load panel"
              + " database index vacuum query planner join hash merge sort page buffer cache"
              + " transaction commit replica snapshot lock deadlock timeout backup restore schema"
              + " bread dough yeast oven crust flour water salt starter proof ferment knead bake"
              + " river delta sediment erosion flood basin rainfall glacier valley coast tide")
          .split(" ");

  /** One generated document. */
  record Document(String sourceId, String text) {}

  private GeneratedCorpus() {}

  static List<Document> documents(String prefix, int count, int sentences, long seed) {
    var random = new Random(seed);
    List<Document> documents = new ArrayList<>(count);
    for (int d = 0; d < count; d++) {
      String sourceId = prefix + "-" + d + ".txt";
      var text = new StringBuilder("This is document number ").append(d).append(" of ");
      text.append(prefix).append(".\n\n");
      for (int s = 0; s < sentences; s++) {
        int words = 8 + random.nextInt(12);
        for (int w = 0; w < words; w++) {
          String word = WORDS[random.nextInt(WORDS.length)];
          text.append(w == 0 ? Character.toUpperCase(word.charAt(0)) + word.substring(1) : word);
          text.append(w == words - 1 ? ". " : " ");
        }
        if (s % 6 == 5) {
          text.append("\n\n");
        }
      }
      documents.add(new Document(sourceId, text.toString()));
    }
    return documents;
  }
}
