package dev.ragops.ingestion;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/** Random text with paragraphs, sentences, odd whitespace, long words, headings and pages. */
record RandomDocument(String text, TextStructure structure) {

  private static final String[] WORDS = {
    "a",
    "the",
    "wing",
    "flutter",
    "aeroelastic",
    "Sourdough",
    "fermentation",
    "vacuum",
    "tuples",
    "x",
    "2026",
    "naïve",
    "Zürich",
    "über",
    "ok",
    "stop-word",
    "e.g.",
    "(see",
    "above)",
    "日本語",
  };

  static RandomDocument generate(Random random) {
    var text = new StringBuilder();
    List<TextStructure.Heading> headings = new ArrayList<>();
    List<Integer> pages = new ArrayList<>();
    if (random.nextInt(10) == 0) {
      text.append(" \n\t ");
    }
    int paragraphs = random.nextInt(12);
    for (int p = 0; p < paragraphs; p++) {
      if (random.nextInt(4) == 0) {
        pages.add(text.length());
      }
      if (random.nextInt(3) == 0) {
        String title = "Heading " + p;
        headings.add(new TextStructure.Heading(text.length(), 1 + random.nextInt(3), title));
        text.append(title).append('\n');
      }
      int sentences = 1 + random.nextInt(6);
      for (int s = 0; s < sentences; s++) {
        int words = 1 + random.nextInt(25);
        for (int w = 0; w < words; w++) {
          if (random.nextInt(80) == 0) {
            text.append("x".repeat(20 + random.nextInt(300))); // one overlong word
          } else {
            text.append(WORDS[random.nextInt(WORDS.length)]);
          }
          text.append(w + 1 < words ? separator(random) : "");
        }
        text.append(".!?".charAt(random.nextInt(3)));
        text.append(random.nextInt(5) == 0 ? "\n" : " ");
      }
      text.append(random.nextBoolean() ? "\n\n" : "\n \n\t");
    }
    return new RandomDocument(text.toString(), new TextStructure(headings, pages));
  }

  private static String separator(Random random) {
    return switch (random.nextInt(20)) {
      case 0 -> "  ";
      case 1 -> "\t";
      case 2 -> "\n";
      case 3 -> ", ";
      default -> " ";
    };
  }
}
