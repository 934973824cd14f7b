package dev.ragops.model;

/** Root of ragops' domain failures. */
public class RagopsException extends RuntimeException {

  public RagopsException(String message) {
    super(message);
  }

  public RagopsException(String message, Throwable cause) {
    super(message, cause);
  }
}
