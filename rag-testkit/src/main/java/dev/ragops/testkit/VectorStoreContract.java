package dev.ragops.testkit;

import static dev.ragops.testkit.Fixtures.AERONAUTICS;
import static dev.ragops.testkit.Fixtures.COOKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.ragops.model.Chunk;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.model.VectorStore;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * What every {@link VectorStore} does, checked against the {@link Fixtures} corpus with seeded
 * random unit vectors ({@code -Dtests.seed=HEX} to vary them): cosine scores, best first, one
 * collection at a time.
 */
public abstract class VectorStoreContract {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  private static final double TOLERANCE = 1e-4;

  private List<IndexedChunk> corpus;
  private Map<String, IndexedChunk> byId;
  private Random random;

  /** A fresh store holding exactly {@code chunks} (vectors of {@link Fixtures#DIMENSION}). */
  protected abstract VectorStore vectorStoreWith(List<IndexedChunk> chunks);

  @BeforeEach
  void seedFixtures() {
    corpus = Fixtures.indexedCorpus(SEED.value());
    byId = corpus.stream().collect(Collectors.toMap(c -> c.chunk().id(), Function.identity()));
    random = new Random(SEED.value());
  }

  @Test
  void findsExactVectorFirstWithCosineOne() {
    VectorStore store = vectorStoreWith(corpus);
    IndexedChunk target = corpus.get(random.nextInt(corpus.size()));

    List<ScoredChunk> results =
        store.nearest(SearchScope.of(target.chunk().collection()), target.vector(), 3);

    assertThat(results).isNotEmpty();
    assertThat(results.get(0).id()).as("seed %s", SEED).isEqualTo(target.chunk().id());
    assertThat(results.get(0).score()).isCloseTo(1.0, within(TOLERANCE));
  }

  @Test
  void scoresByCosineSimilarityInDescendingOrder() {
    VectorStore store = vectorStoreWith(corpus);
    float[] query = Fixtures.randomUnitVector(random, Fixtures.DIMENSION);

    List<ScoredChunk> results = store.nearest(SearchScope.of(AERONAUTICS), query, 5);

    assertThat(results).hasSize(5);
    assertThat(results)
        .isSortedAccordingTo(Comparator.comparingDouble(ScoredChunk::score).reversed());
    for (ScoredChunk result : results) {
      double cosine = Fixtures.dot(query, byId.get(result.id()).vector());
      assertThat(result.score()).as("seed %s", SEED).isCloseTo(cosine, within(TOLERANCE));
    }
  }

  @Test
  void returnsNoChunksFromOtherCollection() {
    VectorStore store = vectorStoreWith(corpus);
    Chunk sharedInCooking = Fixtures.chunkContaining(COOKING, Fixtures.SHARED_TEXT);
    Chunk sharedInAeronautics = Fixtures.chunkContaining(AERONAUTICS, Fixtures.SHARED_TEXT);

    List<ScoredChunk> results =
        store.nearest(SearchScope.of(AERONAUTICS), byId.get(sharedInCooking.id()).vector(), 100);

    assertThat(results.get(0).id()).isEqualTo(sharedInAeronautics.id());
    assertThat(results).allSatisfy(r -> assertThat(r.chunk().collection()).isEqualTo(AERONAUTICS));
    assertThat(
            store.nearest(
                SearchScope.of("no-such-collection"), byId.get(sharedInCooking.id()).vector(), 10))
        .isEmpty();
  }

  @Test
  void limitsResultsToK() {
    VectorStore store = vectorStoreWith(corpus);
    float[] query = Fixtures.randomUnitVector(random, Fixtures.DIMENSION);

    assertThat(store.nearest(SearchScope.of(COOKING), query, 3)).hasSize(3);
    assertThat(store.nearest(SearchScope.of(COOKING), query, 100))
        .hasSize(Fixtures.inCollection(COOKING).size());
  }

  @Test
  void returnsChunkFieldsIntact() {
    VectorStore store = vectorStoreWith(corpus);
    float[] query = Fixtures.randomUnitVector(random, Fixtures.DIMENSION);

    List<ScoredChunk> results = store.nearest(SearchScope.of(COOKING), query, 100);

    // indexedAt is the store's to set
    assertThat(results)
        .extracting(result -> result.chunk().indexedAt(null))
        .containsExactlyInAnyOrderElementsOf(Fixtures.inCollection(COOKING));
  }
}
