package dev.ragops.retrieval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/**
 * A search.
 *
 * @param query the user's text
 * @param k how many hits to return (default 10)
 * @param mode {@code hybrid} (default), {@code keyword} or {@code vector}
 * @param rrfK the RRF constant for hybrid mode (default 60)
 */
@Serdeable
record SearchRequest(
    @NotBlank(message = "query must not be empty") @Size(max = 4096) String query,
    @Nullable @Min(1) @Max(1000) Integer k,
    @Nullable
        @Pattern(
            regexp = "hybrid|keyword|vector",
            message = "mode must be hybrid, keyword or vector")
        String mode,
    @Nullable @Min(1) @Max(10000) Integer rrfK) {

  int kOrDefault() {
    return k == null ? 10 : k;
  }

  String modeOrDefault() {
    return mode == null ? "hybrid" : mode;
  }

  int rrfKOrDefault() {
    return rrfK == null ? ReciprocalRankFusion.DEFAULT_K : rrfK;
  }
}
