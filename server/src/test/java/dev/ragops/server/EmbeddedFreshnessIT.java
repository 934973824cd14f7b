package dev.ragops.server;

import java.util.Map;

/** The freshness loop in embedded mode: H2 file database, Lucene BM25 and HNSW. */
class EmbeddedFreshnessIT extends FreshnessContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
