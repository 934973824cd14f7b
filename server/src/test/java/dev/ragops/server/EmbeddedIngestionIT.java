package dev.ragops.server;

import java.util.Map;

/** Ingestion in embedded mode: H2 file database, Lucene BM25 and HNSW. */
class EmbeddedIngestionIT extends IngestionContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
