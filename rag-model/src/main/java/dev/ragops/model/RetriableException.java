package dev.ragops.model;

/** A failure that may pass on retry (database unavailable, timeout). */
public class RetriableException extends RagopsException {

  public RetriableException(String message, Throwable cause) {
    super(message, cause);
  }
}
