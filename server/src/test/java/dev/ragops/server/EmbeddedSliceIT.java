package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The slice in embedded mode: H2 file database, Lucene BM25 and HNSW. */
class EmbeddedSliceIT extends SliceContract {

  @Override
  Map<String, Object> storageProperties() {
    return Map.of();
  }

  @Override
  String[] environments() {
    return new String[0];
  }

  @Test
  void lostLuceneIndexIsRebuiltFromTheDatabase() throws IOException {
    createCollection("rebuild");
    awaitJob(upload("rebuild", "vacuum.html", TestDocuments.html()).get("jobId").getStringValue());
    stop();
    try (Stream<Path> files = Files.walk(dataDir.resolve("lucene"))) {
      for (Path path : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(path);
      }
    }
    start();
    assertThat(searchSourceIds("rebuild", "dead tuples", "vector")).containsExactly("vacuum.html");
    assertThat(searchSourceIds("rebuild", "dead tuples", "keyword")).containsExactly("vacuum.html");
  }
}
