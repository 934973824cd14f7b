package dev.ragops.embedder;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.text.Normalizer;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * The key of a text in the embedding cache: the SHA-256 (hex) of the text after removing only
 * differences the models' tokenizers ignore anyway, so that equal keys mean equal model input:
 * Unicode composition (NFC), runs of spaces, tabs and line breaks (one space), and leading and
 * trailing whitespace. Case and every other character are kept.
 */
final class TextHash {

  private static final Pattern WHITESPACE = Pattern.compile("[ \\t\\n\\r]+");

  private TextHash() {}

  static String normalize(String text) {
    return WHITESPACE
        .matcher(Normalizer.normalize(text, Normalizer.Form.NFC))
        .replaceAll(" ")
        .strip();
  }

  /** 64 lowercase hex digits. */
  static String of(String text) {
    try {
      MessageDigest sha256 = MessageDigest.getInstance("SHA-256");
      return HexFormat.of()
          .formatHex(sha256.digest(normalize(text).getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }
}
