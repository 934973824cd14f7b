package dev.ragops.model;

/** A failure that will repeat on retry with the same input (corrupt file, no text). */
public class NonRetriableException extends RagopsException {

  public NonRetriableException(String message) {
    super(message);
  }

  public NonRetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
