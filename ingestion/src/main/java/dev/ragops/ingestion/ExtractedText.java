package dev.ragops.ingestion;

import java.util.Map;

/** The plain text Tika extracted from a file, with what it learned about the file. */
record ExtractedText(String text, String title, String contentType, Map<String, Object> metadata) {}
