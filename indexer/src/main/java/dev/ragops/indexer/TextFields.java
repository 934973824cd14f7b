package dev.ragops.indexer;

import dev.ragops.model.TextAnalysis;
import java.util.HashMap;
import java.util.Map;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.core.WhitespaceAnalyzer;
import org.apache.lucene.analysis.de.GermanAnalyzer;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.es.SpanishAnalyzer;
import org.apache.lucene.analysis.fr.FrenchAnalyzer;
import org.apache.lucene.analysis.it.ItalianAnalyzer;
import org.apache.lucene.analysis.miscellaneous.PerFieldAnalyzerWrapper;
import org.apache.lucene.analysis.nl.DutchAnalyzer;
import org.apache.lucene.analysis.pt.PortugueseAnalyzer;
import org.apache.lucene.analysis.standard.StandardAnalyzer;

/**
 * The Lucene fields that hold a chunk's searchable title and text under each {@link TextAnalysis}.
 * English, the default, uses the plain {@code title} and {@code text} fields (so indexes built
 * before the choice existed stay valid); another analysis indexes into {@code title.<id>} and
 * {@code text.<id>}, each with its own analyzer, and stores the values in {@code title.stored} and
 * {@code text.stored}. BM25 statistics are per field, so collections with different analyses do not
 * skew each other.
 */
final class TextFields {

  private TextFields() {}

  static String title(TextAnalysis analysis) {
    return field(ChunkDocuments.TITLE, analysis);
  }

  static String text(TextAnalysis analysis) {
    return field(ChunkDocuments.TEXT, analysis);
  }

  /** One analyzer for the whole index that picks each field's analysis by the field's name. */
  static Analyzer analyzer() {
    Map<String, Analyzer> byField = new HashMap<>();
    for (TextAnalysis analysis : TextAnalysis.values()) {
      Analyzer analyzer = of(analysis);
      byField.put(title(analysis), analyzer);
      byField.put(text(analysis), analyzer);
    }
    return new PerFieldAnalyzerWrapper(new StandardAnalyzer(), byField);
  }

  private static String field(String base, TextAnalysis analysis) {
    return analysis == TextAnalysis.ENGLISH ? base : base + "." + analysis.id();
  }

  private static Analyzer of(TextAnalysis analysis) {
    return switch (analysis) {
      case ENGLISH -> new EnglishAnalyzer();
      case STANDARD -> new StandardAnalyzer();
      case WHITESPACE -> new WhitespaceAnalyzer();
      case GERMAN -> new GermanAnalyzer();
      case FRENCH -> new FrenchAnalyzer();
      case SPANISH -> new SpanishAnalyzer();
      case ITALIAN -> new ItalianAnalyzer();
      case PORTUGUESE -> new PortugueseAnalyzer();
      case DUTCH -> new DutchAnalyzer();
    };
  }
}
