package dev.ragops.model;

import java.util.Objects;

/** A chunk with the score one retrieval leg (or the fusion) gave it; higher is better. */
public record ScoredChunk(Chunk chunk, double score) {

  public ScoredChunk {
    Objects.requireNonNull(chunk, "chunk");
  }

  public String id() {
    return chunk.id();
  }
}
