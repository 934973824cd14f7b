package dev.ragops.model;

/** The request clashes with the current state, e.g. a collection that already exists. */
public class ConflictException extends RagopsException {

  public ConflictException(String message) {
    super(message);
  }
}
