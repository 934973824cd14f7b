package dev.ragops.server;

import java.util.Map;

/** Golden sets, eval runs and traces in embedded mode (H2, Lucene). */
class EmbeddedEvalApiIT extends EvalApiContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }
}
