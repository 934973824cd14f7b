package dev.ragops.model;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The index generations of a collection (implemented by ingestion, which holds the stored texts and
 * the chunkers). A reindex builds a new generation beside the active one; searches keep reading the
 * active one until a promotion switches them in one step.
 */
public interface IndexGenerations {

  /**
   * One generation of a collection.
   *
   * @param status {@code building}, {@code ready}, {@code active}, {@code previous} (kept for a
   *     rollback), {@code retired}, {@code discarded} or {@code failed}
   * @param settings the collection settings it is built with
   * @param stats counts of its build: documents, copied, reembedded, rechunked, failed
   * @param reason why it failed or was discarded; null otherwise
   */
  record Generation(
      String collection,
      int generation,
      String status,
      Map<String, Object> settings,
      Map<String, Object> stats,
      String reason,
      Instant createdAt,
      Instant updatedAt) {}

  /** The collection's generations, newest first. */
  List<Generation> list(String collection);

  /** One generation; throws {@link NotFoundException} when there is none. */
  Generation get(String collection, int generation);

  /**
   * Registers a new generation to be built with the collection's settings changed by {@code
   * settings} (keys {@code chunker}, {@code embedding}; null or empty keeps them).
   *
   * @throws IllegalArgumentException when the settings are invalid (nothing is registered)
   * @throws ConflictException when another generation of the collection is being built
   */
  Generation start(String collection, Map<String, Object> settings);

  /**
   * Builds a started generation from the stored texts, running only the stages its fingerprint says
   * changed; returns it {@code ready}, or {@code failed} with the reason.
   */
  Generation build(String collection, int generation);

  /**
   * Makes a ready generation the active one in one step; the old active one is kept as {@code
   * previous} for a rollback and older ones are retired ({@link #collectGarbage} deletes their
   * chunks).
   */
  Generation promote(String collection, int generation);

  /** Deletes the chunks of the collection's retired generations. */
  void collectGarbage(String collection);

  /** Makes the previous generation active again; returns it. */
  Generation rollback(String collection);

  /** Drops a generation that is not active: its chunks are deleted and the reason recorded. */
  Generation discard(String collection, int generation, String reason);

  /** The fingerprint a chunk written now with the collection's current settings would carry. */
  Fingerprint expectedFingerprint(String collection);
}
