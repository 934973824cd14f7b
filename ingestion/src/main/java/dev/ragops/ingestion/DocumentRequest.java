package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.Map;

/**
 * A document sent as JSON: either its {@code text}, or a {@code url} to fetch it from.
 *
 * @param sourceId the document's identity; required with {@code text}, the URL by default
 * @param title shown in search hits instead of the extracted title
 * @param metadata a JSON object of the user's metadata
 */
@Serdeable
record DocumentRequest(
    @Nullable String text,
    @Nullable String url,
    @Nullable String title,
    @Nullable String sourceId,
    @Nullable Map<String, Object> metadata) {}
