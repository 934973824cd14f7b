package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.util.List;

/**
 * A production answer as stored, with its faithfulness once scored.
 *
 * @param contexts the passages the answer was given from (resolved from {@code chunkIds} when the
 *     trace named chunks)
 * @param status {@code pending} (sampled, not yet scored), {@code scored}, {@code skipped} (not
 *     sampled) or {@code failed} (see {@code error})
 * @param score the judge's score, 0 to 1, once scored
 * @param sentences each answer sentence's support, once scored
 */
@Serdeable
record TraceView(
    String id,
    String question,
    String answer,
    List<String> contexts,
    List<String> chunkIds,
    String status,
    @Nullable String judge,
    @Nullable Double score,
    @Nullable List<FaithfulnessResponse.Sentence> sentences,
    @Nullable String error,
    Instant createdAt,
    @Nullable Instant scoredAt) {}
