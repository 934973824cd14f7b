package dev.ragops.eval;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;

/** A golden set as the API shows it: how many cases it has and how many of them are stale. */
@Serdeable
record DatasetView(
    String name, @Nullable String description, int cases, int staleCases, Instant createdAt) {}
