package dev.ragops.indexer;

import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;

/** Converts a chunk's metadata to the JSON text stored in Lucene and back. */
final class MetadataJson {

  private static final Argument<Map<String, Object>> MAP =
      Argument.mapOf(String.class, Object.class);

  /** Micronaut Serialization's mapper; needs no application context. */
  private static final JsonMapper JSON = JsonMapper.createDefault();

  private MetadataJson() {}

  static String write(Map<String, Object> metadata) {
    if (metadata.isEmpty()) {
      return "{}";
    }
    try {
      return JSON.writeValueAsString(metadata);
    } catch (IOException e) {
      throw new IllegalArgumentException("chunk metadata is not JSON-compatible: " + metadata, e);
    }
  }

  static Map<String, Object> read(String json) {
    if (json == null || json.equals("{}")) {
      return Map.of();
    }
    try {
      return JSON.readValue(json, MAP);
    } catch (IOException e) {
      throw new UncheckedIOException("stored chunk metadata is not valid JSON: " + json, e);
    }
  }
}
