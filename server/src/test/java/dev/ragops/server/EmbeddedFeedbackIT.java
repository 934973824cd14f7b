package dev.ragops.server;

import java.util.Map;

/** Relevance feedback in embedded mode (H2). */
class EmbeddedFeedbackIT extends FeedbackContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
