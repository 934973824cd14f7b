package dev.ragops.ingestion;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A change to a document's metadata, merged as in JSON Merge Patch (RFC 7396): keys with a value
 * are set, keys with {@code null} are removed, keys left out stay.
 */
@Serdeable
record MetadataPatch(@Nullable Map<String, Object> metadata) {

  Map<String, Object> applyTo(Map<String, Object> current) {
    if (metadata == null) {
      throw new IllegalArgumentException(
          "metadata is required, e.g. {\"metadata\":{\"team\":\"docs\"}}");
    }
    Map<String, Object> merged = new LinkedHashMap<>(current);
    metadata.forEach((key, value) -> {
      if (value == null) {
        merged.remove(key);
      } else {
        merged.put(key, value);
      }
    });
    return merged;
  }
}
