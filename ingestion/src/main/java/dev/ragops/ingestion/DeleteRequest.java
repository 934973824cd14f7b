package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/** Deletes every document of a collection whose metadata matches {@code filter}. */
@Serdeable
record DeleteRequest(@Nullable Map<String, Object> filter) {}
