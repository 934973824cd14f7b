package dev.ragops.eval;

import dev.ragops.model.DocumentCatalog;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Ties judgments to the document contents they were made on. Labelling records each judged
 * document's current content hash; later, a judgment is {@code current} while the hash is the same,
 * {@code changed} when the document was re-uploaded with other content, and {@code deleted} when
 * the document (or the judged chunk) no longer exists. A case with any judgment that is not current
 * is stale.
 */
@Singleton
final class Lineage {

  /** Most judgments per case. */
  static final int MAX_JUDGMENTS = 1000;

  /** A judgment as a client sends it: a document or a chunk, and a grade (default 1). */
  @Serdeable
  record Relevance(@Nullable String sourceId, @Nullable String chunkId, @Nullable Integer grade) {}

  /** The documents and chunks as they are now, to compare judgments against. */
  record Snapshot(Map<String, String> hashes, Set<String> chunks) {

    /** {@code current}, {@code changed} or {@code deleted}. */
    String status(Judgment judgment) {
      String hash = hashes.get(judgment.sourceId());
      if (hash == null || (judgment.chunkId() != null && !chunks.contains(judgment.chunkId()))) {
        return "deleted";
      }
      return hash.equals(judgment.contentHash()) ? "current" : "changed";
    }

    boolean stale(GoldenCase golden) {
      return golden.judgments().stream().anyMatch(j -> !status(j).equals("current"));
    }
  }

  private final DocumentCatalog documents;

  Lineage(DocumentCatalog documents) {
    this.documents = documents;
  }

  /**
   * The judgments of {@code relevant} with the judged documents' current content hashes.
   *
   * @param field the request field, for messages (e.g. {@code relevant})
   * @throws IllegalArgumentException naming the item that names no document or chunk of the
   *     collection, has a bad grade, repeats, or when no item is relevant (grade ≥ 1)
   */
  List<Judgment> label(String collection, @Nullable List<Relevance> relevant, String field) {
    if (relevant == null || relevant.isEmpty()) {
      throw new IllegalArgumentException(field + " must list at least one relevant document");
    }
    if (relevant.size() > MAX_JUDGMENTS) {
      throw new IllegalArgumentException(field + " may list at most " + MAX_JUDGMENTS + " items");
    }
    List<String> sourceIds = new ArrayList<>();
    List<String> chunkIds = new ArrayList<>();
    for (int i = 0; i < relevant.size(); i++) {
      Relevance item = relevant.get(i);
      if (item == null || (blank(item.sourceId()) && blank(item.chunkId()))) {
        throw new IllegalArgumentException(field + "[" + i + "] needs a sourceId or a chunkId");
      }
      if (!blank(item.chunkId())) {
        chunkIds.add(item.chunkId());
      } else {
        sourceIds.add(item.sourceId());
      }
    }
    Map<String, String> hashes = documents.contentHashes(collection, sourceIds);
    Map<String, DocumentCatalog.StoredChunk> chunks = documents.chunks(collection, chunkIds);
    List<Judgment> judgments = new ArrayList<>();
    Set<String> seen = new HashSet<>();
    for (int i = 0; i < relevant.size(); i++) {
      Relevance item = relevant.get(i);
      String at = field + "[" + i + "]";
      int grade = item.grade() == null ? 1 : item.grade();
      if (grade < 0 || grade > Judgment.MAX_GRADE) {
        throw new IllegalArgumentException(
            at + ".grade must be between 0 and " + Judgment.MAX_GRADE + ", got " + grade);
      }
      Judgment judgment;
      if (!blank(item.chunkId())) {
        var chunk = chunks.get(item.chunkId());
        if (chunk == null) {
          throw new IllegalArgumentException(
              at + ".chunkId '" + item.chunkId() + "' is not a chunk of collection " + collection);
        }
        if (!blank(item.sourceId()) && !item.sourceId().equals(chunk.sourceId())) {
          throw new IllegalArgumentException(
              at
                  + ".chunkId belongs to document '"
                  + chunk.sourceId()
                  + "', not '"
                  + item.sourceId()
                  + "'");
        }
        judgment = new Judgment(chunk.sourceId(), chunk.chunkId(), grade, chunk.contentHash());
      } else {
        String hash = hashes.get(item.sourceId());
        if (hash == null) {
          throw new IllegalArgumentException(
              at
                  + ".sourceId '"
                  + item.sourceId()
                  + "' is not a document of collection "
                  + collection);
        }
        judgment = new Judgment(item.sourceId(), null, grade, hash);
      }
      if (!seen.add(judgment.sourceId() + "\u0000" + judgment.chunkId())) {
        throw new IllegalArgumentException(at + " judges the same document or chunk again");
      }
      judgments.add(judgment);
    }
    if (judgments.stream().noneMatch(Judgment::relevant)) {
      throw new IllegalArgumentException(field + " must hold at least one item with grade >= 1");
    }
    return judgments;
  }

  /** The current state of every document and chunk {@code cases} judge. */
  Snapshot snapshot(String collection, Collection<GoldenCase> cases) {
    Set<String> sourceIds = new HashSet<>();
    Set<String> chunkIds = new HashSet<>();
    for (GoldenCase golden : cases) {
      for (Judgment judgment : golden.judgments()) {
        sourceIds.add(judgment.sourceId());
        if (judgment.chunkId() != null) {
          chunkIds.add(judgment.chunkId());
        }
      }
    }
    return new Snapshot(
        documents.contentHashes(collection, sourceIds),
        documents.chunks(collection, chunkIds).keySet());
  }

  private static boolean blank(@Nullable String value) {
    return value == null || value.isBlank();
  }

  static String requireText(@Nullable String value, String field, int max) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + " must not be empty");
    }
    if (value.length() > max) {
      throw new IllegalArgumentException(field + " must be at most " + max + " characters");
    }
    return Objects.requireNonNull(value);
  }
}
