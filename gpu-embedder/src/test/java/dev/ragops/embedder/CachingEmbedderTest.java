package dev.ragops.embedder;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.model.Embedder;
import dev.ragops.testkit.EmbedderContract;
import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.context.ApplicationContext;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The caching embedder as the application wires it: an H2 database in PostgreSQL mode with the
 * indexer's Flyway migrations, the real model behind it. Model calls are counted by the model's own
 * statistics.
 */
class CachingEmbedderTest extends EmbedderContract {

  private static final String DATABASE = "jdbc:h2:mem:cache-" + UUID.randomUUID();

  private static ApplicationContext context;
  private static Embedder embedder;

  @BeforeAll
  static void start() {
    context = ApplicationContext.run(properties());
    embedder = context.getBean(Embedder.class);
  }

  @AfterAll
  static void stop() {
    context.close();
  }

  static Map<String, Object> properties() {
    return Map.of(
        "datasources.default.url",
        DATABASE + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1",
        "datasources.default.driver-class-name",
        "org.h2.Driver",
        "datasources.default.username",
        "sa",
        "datasources.default.password",
        "",
        "datasources.default.dialect",
        "H2",
        "flyway.datasources.default.enabled",
        true,
        "flyway.datasources.default.locations",
        "filesystem:../indexer/src/main/resources/db/migration/h2",
        "ragops.embedder.cache-dir",
        "target/model-cache",
        "ragops.embedder.pool-size",
        2);
  }

  @Override
  protected Embedder embedder() {
    return embedder;
  }

  /** The int8 model behind the cache: see DjlEmbedderTest. */
  @Override
  protected double tolerance() {
    return 0.01;
  }

  @AfterEach
  void noTextIsLeftWaiting() {
    assertThat(model().stats().queueDepth()).isZero();
  }

  @Test
  void isTheEmbedderTheApplicationGets() {
    assertThat(embedder).isInstanceOf(CachingEmbedder.class);
    assertThat(embedder.modelId()).isEqualTo("bge-small-en-v1.5-q");
    assertThat(embedder.dimension()).isEqualTo(384);
  }

  @Test
  void embedsEachDistinctTextOnce() {
    String a = "Boilerplate footer " + UUID.randomUUID();
    String b = "A paragraph about wing flutter " + UUID.randomUUID();
    long modelTexts = model().stats().texts();
    double hits = counter("ragops.embedder.cache.hits");
    double misses = counter("ragops.embedder.cache.misses");

    List<float[]> first = embedder.embedDocuments(List.of(a, b, a, "  " + a + "\n"));

    assertThat(model().stats().texts() - modelTexts).isEqualTo(2);
    assertThat(first.get(2)).isEqualTo(first.get(0)).isNotSameAs(first.get(0));
    assertThat(first.get(3)).isEqualTo(first.get(0));

    List<float[]> again = embedder.embedDocuments(List.of(b, a));

    assertThat(model().stats().texts() - modelTexts).isEqualTo(2);
    assertThat(again.get(0)).isEqualTo(first.get(1));
    assertThat(again.get(1)).isEqualTo(first.get(0));
    assertThat(counter("ragops.embedder.cache.misses") - misses).isEqualTo(2);
    assertThat(counter("ragops.embedder.cache.hits") - hits).isEqualTo(4);
  }

  @Test
  void saysWhichTextsWereNotEmbeddedAgain() {
    String seen = "Seen before " + UUID.randomUUID();
    String fresh = "Fresh text " + UUID.randomUUID();
    embedder.embedDocuments(List.of(seen));

    var counted = embedder.embedCounted(List.of(fresh, seen, fresh));

    assertThat(counted.vectors()).hasSize(3);
    // the cached text, and the repeat of a text embedded earlier in the same call
    assertThat(counted.cached().get(0)).isFalse();
    assertThat(counted.cached().get(1)).isTrue();
    assertThat(counted.cached().get(2)).isTrue();
    assertThat(counted.vectors().get(2)).containsExactly(counted.vectors().get(0));
  }

  @Test
  void keysTextsByContentNotBySpacingOnly() {
    String text = "Case matters " + UUID.randomUUID();
    long modelTexts = model().stats().texts();

    embedder.embedDocuments(List.of(text, text.replace(" ", "\t  "), text.toUpperCase()));

    assertThat(model().stats().texts() - modelTexts).isEqualTo(2);
  }

  @Test
  void keepsVectorsForEachModelSeparately() {
    String text = "Kept per model " + UUID.randomUUID();
    embedder.embedDocuments(List.of(text));
    EmbeddingCacheTable table = context.getBean(EmbeddingCacheTable.class);

    assertThat(table.find("bge-small-en-v1.5-q", 384, List.of(TextHash.of(text)))).hasSize(1);
    assertThat(table.find("all-minilm-l6-v2", 384, List.of(TextHash.of(text)))).isEmpty();
  }

  @Test
  void servesCachedVectorsAfterARestart() {
    String text = "Survives a restart " + UUID.randomUUID();
    float[] before = embedder.embedDocuments(List.of(text)).get(0);

    try (ApplicationContext restarted = ApplicationContext.run(properties())) {
      Embedder again = restarted.getBean(Embedder.class);
      assertThat(again.embedDocuments(List.of(text)).get(0)).isEqualTo(before);
      assertThat(restarted.getBean(DjlEmbedder.class).stats().texts()).isZero();
    }
  }

  @Test
  void canBeSwitchedOff() {
    Map<String, Object> properties = new HashMap<>(properties());
    properties.put("ragops.embedder.embedding-cache", false);
    try (ApplicationContext uncached = ApplicationContext.run(properties)) {
      assertThat(uncached.containsBean(EmbeddingCacheTable.class)).isFalse();
      assertThat(uncached.getBean(Embedder.class)).isInstanceOf(DjlEmbedder.class);
    }
  }

  @Test
  void embedsQueriesWithoutTheCache() {
    long modelTexts = model().stats().texts();

    embedder.embedQuery("how do wings make lift");
    embedder.embedQuery("how do wings make lift");

    assertThat(model().stats().texts() - modelTexts).isEqualTo(2);
  }

  private static DjlEmbedder model() {
    return context.getBean(DjlEmbedder.class);
  }

  private static double counter(String name) {
    return context
        .getBean(MeterRegistry.class)
        .get(name)
        .tag("model", "bge-small-en-v1.5-q")
        .counter()
        .count();
  }
}
