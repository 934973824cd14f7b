package dev.ragops.model;

import java.util.Objects;

/** A chunk together with its embedding, ready to be written to the stores. */
public record IndexedChunk(Chunk chunk, float[] vector) {

  public IndexedChunk {
    Objects.requireNonNull(chunk, "chunk");
    Objects.requireNonNull(vector, "vector");
  }
}
