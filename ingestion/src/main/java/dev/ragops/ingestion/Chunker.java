package dev.ragops.ingestion;

import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Cuts extracted text into chunk spans. Every implementation keeps the same contract, which {@code
 * ChunkerPropertiesTest} checks on random text: spans are in text order and lie inside the text,
 * start and end on non-whitespace, never hold more than the configured number of model tokens,
 * share at most the configured overlap with the span before, and together cover every
 * non-whitespace character.
 */
interface Chunker {

  List<ChunkSpan> chunk(String text, TextStructure structure);

  /** The chunker's name and settings, e.g. {@code recursive:max-tokens=256:overlap=32}. */
  String settings();

  /** A short hash of {@link #settings()}; part of every chunk's fingerprint. */
  default String settingsHash() {
    return Ingestor.sha256(settings().getBytes(StandardCharsets.UTF_8)).substring(0, 16);
  }
}
