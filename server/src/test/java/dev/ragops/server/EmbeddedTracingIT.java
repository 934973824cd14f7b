package dev.ragops.server;

import java.util.Map;

/** Traces in embedded mode: H2 file database, Lucene BM25 and HNSW. */
class EmbeddedTracingIT extends TracingContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
