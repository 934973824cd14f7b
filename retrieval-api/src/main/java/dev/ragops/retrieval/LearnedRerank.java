package dev.ragops.retrieval;

import dev.ragops.model.Chunk;
import dev.ragops.model.LearnedModel;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Reorders fused hits by a collection's {@link LearnedModel}: each hit's features are extracted
 * ({@link #features}), scored by the model and the hits sorted by that score, best first. Ties keep
 * the fused order, so the result is deterministic. Pure: the clock is passed in.
 */
final class LearnedRerank {

  private final LearnedModel model;
  private final Instant now;

  LearnedRerank(LearnedModel model, Instant now) {
    this.model = model;
    this.now = now;
  }

  List<FusedHit> rerank(String query, List<FusedHit> hits) {
    Set<String> terms = terms(query);
    int candidates = hits.size();
    List<FusedHit> scored = new ArrayList<>(candidates);
    for (FusedHit hit : hits) {
      scored.add(hit.reranked(model.score(features(hit, terms, candidates, now))));
    }
    // List.sort is stable: equal scores keep the fused order.
    scored.sort((a, b) -> Double.compare(b.rerankScore(), a.rerankScore()));
    return scored;
  }

  /**
   * A hit's raw features in {@link LearnedModel#FEATURES} order: a leg that missed the hit gives
   * score 0 and rank {@code candidates + 1}; the title match is the share of {@code queryTerms}
   * found among the title's terms (0 for an empty query); the age is in days, never negative, 0
   * when the chunk has neither a source modification time nor an index time.
   */
  static double[] features(FusedHit hit, Set<String> queryTerms, int candidates, Instant now) {
    Chunk chunk = hit.chunk();
    double titleMatch = 0;
    if (!queryTerms.isEmpty()) {
      Set<String> title = terms(chunk.title());
      titleMatch = queryTerms.stream().filter(title::contains).count() / (double) queryTerms.size();
    }
    Instant age = modified(chunk);
    double ageDays =
        age == null ? 0 : Math.max(0, Duration.between(age, now).toSeconds() / 86_400.0);
    return new double[] {
      hit.keywordScore() == null ? 0 : hit.keywordScore(),
      hit.keywordRank() == null ? candidates + 1 : hit.keywordRank(),
      hit.vectorScore() == null ? 0 : hit.vectorScore(),
      hit.vectorRank() == null ? candidates + 1 : hit.vectorRank(),
      titleMatch,
      chunk.ordinal(),
      ageDays
    };
  }

  /** Lower-cased letter-or-digit runs, each once, in order. */
  static Set<String> terms(String text) {
    Set<String> terms = new LinkedHashSet<>();
    if (text != null) {
      Arrays.stream(text.toLowerCase(Locale.ROOT).split("[^\\p{L}\\p{N}]+"))
          .filter(term -> !term.isEmpty())
          .forEach(terms::add);
    }
    return terms;
  }

  /** The source's modification time (metadata {@code modified}) if parseable, else indexedAt. */
  private static Instant modified(Chunk chunk) {
    Object modified = chunk.metadata().get("modified");
    if (modified != null) {
      String text = modified.toString();
      try {
        return OffsetDateTime.parse(text).toInstant();
      } catch (DateTimeParseException e) {
        try {
          return Instant.parse(text);
        } catch (DateTimeParseException ignored) {
          // not a timestamp: fall back to the index time
        }
      }
    }
    return chunk.indexedAt();
  }
}
