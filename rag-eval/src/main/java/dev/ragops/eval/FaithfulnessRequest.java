package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * A faithfulness check: does {@code contexts} support {@code answer}?
 *
 * @param question what was asked (optional)
 * @param answer the text to check
 * @param contexts the passages the answer should rest on
 * @param judge {@code offline} or {@code llm}; default: {@code ragops.faithfulness.judge}
 */
@Serdeable
record FaithfulnessRequest(
    @Nullable String question,
    @Nullable String answer,
    @Nullable List<String> contexts,
    @Nullable String judge) {}
