package dev.ragops.model;

/** A named resource (collection, document, job) does not exist. */
public class NotFoundException extends RagopsException {

  public NotFoundException(String message) {
    super(message);
  }
}
