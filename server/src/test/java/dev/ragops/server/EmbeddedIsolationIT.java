package dev.ragops.server;

import java.util.Map;

/** Tenant isolation in embedded mode (H2, Lucene BM25 and HNSW), with API keys turned on. */
class EmbeddedIsolationIT extends IsolationContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
