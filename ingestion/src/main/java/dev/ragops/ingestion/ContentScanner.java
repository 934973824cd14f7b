package dev.ragops.ingestion;

import dev.ragops.model.NonRetriableException;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The ingest content scan: finds personal data ({@link PiiDetector}) and prompt injection ({@link
 * InjectionDetector}, plus {@link HiddenHtml} for HTML uploads) in a document's extracted text,
 * then applies the collection's {@link ScanMode} to its chunks: flags them, redacts the findings
 * before they are embedded and stored, or rejects the document. Pure and thread-safe.
 */
@Singleton
public final class ContentScanner {

  private final PiiDetector pii = new PiiDetector();
  private final InjectionDetector injection = new InjectionDetector();

  /** Every finding in {@code text}, ordered by start. */
  public List<Finding> scan(String text) {
    List<Finding> found = new ArrayList<>(pii.find(text));
    found.addAll(injection.find(text));
    found.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::flag));
    return found;
  }

  /** Like {@link #scan(String)}, plus the hidden text of an HTML upload ({@code raw}). */
  List<Finding> scan(ExtractedText extracted, byte[] raw) {
    List<Finding> found = new ArrayList<>(scan(extracted.text()));
    String type = extracted.contentType();
    if (type != null && (type.startsWith("text/html") || type.startsWith("application/xhtml"))) {
      found.addAll(HiddenHtml.find(raw, extracted.text()));
      found.sort(Comparator.comparingInt(Finding::start).thenComparing(Finding::flag));
    }
    return found;
  }

  /**
   * Applies {@code mode} to the chunks {@code spans} of {@code text}: their texts (redacted in
   * {@code redact} mode), their flags, and the title (redacted likewise).
   *
   * @throws NonRetriableException in {@code reject} mode when anything was found; the message names
   *     the kinds and counts found, never the text
   */
  ScannedChunks apply(
      ScanMode mode, ExtractedText extracted, byte[] raw, List<ChunkSpan> spans, String title) {
    String text = extracted.text();
    if (mode == ScanMode.OFF) {
      return new ScannedChunks(
          spans.stream().map(span -> span.of(text)).toList(),
          spans.stream().map(span -> List.<String>of()).toList(),
          title,
          extracted);
    }
    List<Finding> found = scan(extracted, raw);
    List<Finding> inTitle = title == null ? List.of() : scan(title);
    if (mode == ScanMode.REJECT && !(found.isEmpty() && inTitle.isEmpty())) {
      List<Finding> all = new ArrayList<>(found);
      all.addAll(inTitle);
      throw new NonRetriableException(
          "content scan (scanning: reject) found "
              + summary(all)
              + "; the document was not stored");
    }
    List<String> texts = new ArrayList<>(spans.size());
    List<List<String>> flags = new ArrayList<>(spans.size());
    for (ChunkSpan span : spans) {
      List<Finding> inSpan =
          found.stream().filter(f -> f.overlaps(span.start(), span.end())).toList();
      flags.add(List.copyOf(new TreeSet<>(inSpan.stream().map(Finding::flag).toList())));
      texts.add(
          mode == ScanMode.REDACT
              ? Redaction.apply(text, span.start(), span.end(), inSpan)
              : span.of(text));
    }
    String scannedTitle =
        mode == ScanMode.REDACT && title != null
            ? Redaction.apply(title, 0, title.length(), inTitle)
            : title;
    return new ScannedChunks(
        texts,
        flags,
        scannedTitle,
        mode == ScanMode.REDACT ? withRedactedMetadata(extracted) : extracted);
  }

  /** The extraction with every string metadata value (author, title, …) redacted. */
  private ExtractedText withRedactedMetadata(ExtractedText extracted) {
    Map<String, Object> metadata = new LinkedHashMap<>();
    extracted.metadata().forEach((key, value) -> metadata.put(key, redacted(value)));
    return new ExtractedText(
        extracted.text(),
        extracted.title() == null ? null : redacted(extracted.title()).toString(),
        extracted.contentType(),
        metadata,
        extracted.structure());
  }

  private Object redacted(Object value) {
    return switch (value) {
      case String text -> Redaction.apply(text, 0, text.length(), scan(text));
      case List<?> list -> list.stream().map(this::redacted).toList();
      default -> value;
    };
  }

  /** {@code pii:email ×2, injection:instruction ×1}, by flag. */
  static String summary(List<Finding> findings) {
    Map<String, Integer> counts = new TreeMap<>();
    findings.forEach(finding -> counts.merge(finding.flag(), 1, Integer::sum));
    List<String> parts = new ArrayList<>();
    counts.forEach((flag, count) -> parts.add(flag + " ×" + count));
    return String.join(", ", parts);
  }

  /**
   * The chunks of one document after the scan, in span order, its title and its extraction (with
   * redacted metadata in {@code redact} mode; the text is unchanged, as the spans index it).
   */
  record ScannedChunks(
      List<String> texts, List<List<String>> flags, String title, ExtractedText extracted) {}
}
