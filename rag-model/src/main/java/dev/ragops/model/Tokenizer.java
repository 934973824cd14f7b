package dev.ragops.model;

import java.util.List;

/** Splits text into the tokens an embedding model sees, with their character spans. */
public interface Tokenizer {

  /** Token spans in text order, without special tokens such as {@code [CLS]}. */
  List<TokenSpan> spans(String text);

  default int count(String text) {
    return spans(text).size();
  }

  /** Characters {@code [start, end)} of one token in the source text. */
  record TokenSpan(int start, int end) {}
}
