package dev.ragops.model;

import java.util.Objects;

/**
 * What produced a chunk: the parser, the chunker settings and the embedding model. A change in any
 * part means only the stages after it need to run again.
 *
 * @param parserVersion e.g. {@code tika-3.3.1}
 * @param chunkerHash a hash of the chunker's name and settings
 * @param modelId the embedding model's id
 * @param dimension the embedding dimension
 */
public record Fingerprint(String parserVersion, String chunkerHash, String modelId, int dimension) {

  public Fingerprint {
    Objects.requireNonNull(parserVersion, "parserVersion");
    Objects.requireNonNull(chunkerHash, "chunkerHash");
    Objects.requireNonNull(modelId, "modelId");
  }
}
