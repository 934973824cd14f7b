package dev.ragops.ingestion;

/** Characters {@code [start, end)} of the extracted text that form one chunk. */
record ChunkSpan(int start, int end) {

  String of(String text) {
    return text.substring(start, end);
  }
}
