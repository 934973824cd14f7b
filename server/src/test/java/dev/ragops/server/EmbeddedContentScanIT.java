package dev.ragops.server;

import java.util.Map;

/** The content scan in embedded mode: H2, Lucene for both legs. */
class EmbeddedContentScanIT extends ContentScanContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
