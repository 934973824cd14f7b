package dev.ragops.ingestion;

import java.util.Map;

/**
 * The plain text Tika extracted from a file, with what it learned about the file.
 *
 * @param metadata title, author, dates, language and page count where the file has them
 * @param structure where headings and pages start in {@code text}
 */
record ExtractedText(
    String text,
    String title,
    String contentType,
    Map<String, Object> metadata,
    TextStructure structure) {}
