package dev.ragops.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.en.EnglishAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;

/**
 * The words of a text that can be checked against a context: Lucene's English analysis (standard
 * tokenizer, possessives dropped, lower case, Porter stems) without function words (resource {@code
 * stopwords.txt}). Numbers lose their thousands separators, so "1,000" matches "1000".
 *
 * <p>A term is <em>specific</em> when its surface form starts with an upper-case letter or holds a
 * digit: names and numbers, the parts of a claim that are most often invented.
 */
final class Terms {

  /** One content word: its normalized form and whether it is a name or number. */
  record Term(String form, boolean specific) {}

  private static final Analyzer ANALYZER = new EnglishAnalyzer(loadStopwords());

  private Terms() {}

  static List<Term> of(String text) {
    List<Term> terms = new ArrayList<>();
    try (var stream = ANALYZER.tokenStream("text", text)) {
      var term = stream.addAttribute(CharTermAttribute.class);
      var offset = stream.addAttribute(OffsetAttribute.class);
      stream.reset();
      while (stream.incrementToken()) {
        String surface = text.substring(offset.startOffset(), offset.endOffset());
        boolean specific =
            Character.isUpperCase(surface.codePointAt(0))
                || surface.chars().anyMatch(Character::isDigit);
        terms.add(new Term(normalizeNumber(term.toString()), specific));
      }
      stream.end();
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a StringReader does not fail
    }
    return terms;
  }

  static List<String> forms(String text) {
    return of(text).stream().map(Term::form).toList();
  }

  private static String normalizeNumber(String term) {
    return term.matches("\\d{1,3}(,\\d{3})+(\\.\\d+)?") ? term.replace(",", "") : term;
  }

  private static CharArraySet loadStopwords() {
    var words = new ArrayList<String>();
    try (var in =
        new BufferedReader(
            new InputStreamReader(
                Objects.requireNonNull(Terms.class.getResourceAsStream("stopwords.txt")),
                StandardCharsets.UTF_8))) {
      in.lines()
          .filter(line -> !line.startsWith("#"))
          .flatMap(line -> Arrays.stream(line.strip().split("\\s+")))
          .filter(w -> !w.isEmpty())
          .forEach(words::add);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read stopwords.txt", e);
    }
    return new CharArraySet(words, true);
  }
}
