package dev.ragops.embedder;

import ai.djl.huggingface.tokenizers.Encoding;
import ai.djl.huggingface.tokenizers.HuggingFaceTokenizer;
import ai.djl.huggingface.tokenizers.jni.CharSpan;
import dev.ragops.model.Tokenizer;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedding model's own tokenizer as a {@link Tokenizer}: no special tokens, no truncation (a
 * chunker must be able to count past the model's limit) and spans in Java {@code char} indices.
 * Thread-safe.
 */
final class ModelTokenizer implements Tokenizer, AutoCloseable {

  static {
    DjlOffline.enable();
  }

  private final HuggingFaceTokenizer tokenizer;
  private final AtomicBoolean closed = new AtomicBoolean();

  private ModelTokenizer(HuggingFaceTokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /**
   * Loads the tokenizer from a {@code tokenizer.json}.
   *
   * @throws IllegalStateException if the file cannot be read
   */
  static ModelTokenizer load(Path json) {
    try {
      return new ModelTokenizer(
          HuggingFaceTokenizer.builder()
              .optTokenizerPath(json)
              .optAddSpecialTokens(false)
              .optTruncation(false)
              .optPadding(false)
              .build());
    } catch (IOException e) {
      throw new IllegalStateException("Cannot load tokenizer " + json, e);
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>The tokenizer library reports offsets in Unicode code points; they are converted here to
   * UTF-16 indices, so {@code text.substring(start, end)} is the token's source text even after
   * emoji and other characters outside the Basic Multilingual Plane.
   */
  @Override
  public List<TokenSpan> spans(String text) {
    if (text == null) {
      throw new IllegalArgumentException("text is null");
    }
    if (closed.get()) {
      throw new IllegalStateException("tokenizer is closed");
    }
    Encoding encoding = tokenizer.encode(text, false, false);
    CharSpan[] charSpans = encoding.getCharTokenSpans();
    int[] utf16Index = text.length() == text.codePointCount(0, text.length()) ? null : index(text);
    List<TokenSpan> spans = new ArrayList<>(charSpans.length);
    for (CharSpan span : charSpans) {
      if (span == null) {
        continue; // only special tokens have no source characters, and none are added here
      }
      int start = span.getStart();
      int end = span.getEnd();
      spans.add(
          utf16Index == null
              ? new TokenSpan(start, end)
              : new TokenSpan(utf16Index[start], utf16Index[end]));
    }
    return spans;
  }

  /** Maps code point offsets to UTF-16 offsets, including the end offset. */
  private static int[] index(String text) {
    int[] index = new int[text.codePointCount(0, text.length()) + 1];
    int utf16 = 0;
    for (int cp = 0; cp < index.length - 1; cp++) {
      index[cp] = utf16;
      utf16 += Character.charCount(text.codePointAt(utf16));
    }
    index[index.length - 1] = text.length();
    return index;
  }

  @Override
  public void close() {
    if (closed.compareAndSet(false, true)) {
      tokenizer.close();
    }
  }

  boolean isClosed() {
    return closed.get();
  }
}
