package dev.ragops.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.model.Embedder;
import dev.ragops.testkit.TestPostgres;
import io.micronaut.context.ApplicationContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** The embedding cache on PostgreSQL, with the indexer's PostgreSQL migrations. */
class EmbeddingCachePostgresIT {

  private final TestPostgres.Database database = TestPostgres.freshDatabase();

  private ApplicationContext start() {
    Map<String, Object> properties =
        new HashMap<>(
            database.micronautProperties(
                "filesystem:../indexer/src/main/resources/db/migration/postgres"));
    properties.put("ragops.embedder.cache-dir", "target/model-cache");
    return ApplicationContext.run(properties);
  }

  @Test
  void servesStoredVectorsAfterARestart() {
    List<String> texts = List.of("Lift grows with the angle of attack.", "Drag grows too.");
    List<float[]> first;
    try (ApplicationContext context = start()) {
      first = context.getBean(Embedder.class).embedDocuments(texts);
    }
    try (ApplicationContext context = start()) {
      List<float[]> again = context.getBean(Embedder.class).embedDocuments(texts);

      assertThat(again.get(0)).isEqualTo(first.get(0));
      assertThat(again.get(1)).isEqualTo(first.get(1));
      assertThat(context.getBean(DjlEmbedder.class).stats().texts()).isZero();
    }
  }

  @Test
  void concurrentCallersStoringTheSameTextsNeitherFailNorDuplicate() throws Exception {
    List<String> texts = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      texts.add("Shared boilerplate paragraph number " + i);
    }
    try (ApplicationContext context = start();
        ExecutorService callers = Executors.newFixedThreadPool(4)) {
      Embedder embedder = context.getBean(Embedder.class);
      List<Future<List<float[]>>> calls = new ArrayList<>();
      for (int caller = 0; caller < 4; caller++) {
        List<String> shuffled = new ArrayList<>(texts);
        Collections.shuffle(shuffled, new Random(caller));
        calls.add(callers.submit(() -> embedder.embedDocuments(shuffled)));
      }
      for (Future<List<float[]>> call : calls) {
        assertThat(call.get()).hasSize(texts.size());
      }
      var rows =
          context
              .getBean(EmbeddingCacheTable.class)
              .find(embedder.modelId(), 384, texts.stream().map(TextHash::of).toList());
      assertThat(rows).hasSize(texts.size());
    }
  }
}
