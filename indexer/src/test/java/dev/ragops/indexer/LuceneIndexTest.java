package dev.ragops.indexer;

import static dev.ragops.testkit.Fixtures.AERONAUTICS;
import static dev.ragops.testkit.Fixtures.COOKING;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.model.Chunk;
import dev.ragops.model.IndexedChunk;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import dev.ragops.testkit.Fixtures;
import dev.ragops.testkit.TestSeed;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

class LuceneIndexTest {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  @TempDir Path directory;

  private LuceneIndex openWithFixtures() {
    return FixtureLoading.load(
        new LuceneIndex(directory, true, Fixtures.DIMENSION), Fixtures.indexedCorpus(SEED.value()));
  }

  @Test
  void replaceIsAtomicForConcurrentSearches() throws Exception {
    int dimension = 8;
    Random random = new Random(SEED.value());
    float[] vector = Fixtures.randomUnitVector(random, dimension);
    List<IndexedChunk> small = version("small", 3, vector);
    List<IndexedChunk> large = version("large", 5, vector);
    Set<Set<String>> allowed = Set.of(ids(small), ids(large));
    ConcurrentLinkedQueue<String> violations = new ConcurrentLinkedQueue<>();
    AtomicBoolean writing = new AtomicBoolean(true);
    AtomicLong searches = new AtomicLong();

    try (LuceneIndex index = new LuceneIndex(directory, true, dimension)) {
      index.replaceDocument("atomic", "doc-1", small);
      Thread reader =
          Thread.ofPlatform()
              .start(() -> {
                while (writing.get()) {
                  check(
                      index.keyword(SearchScope.of("atomic"), "quartz", 100), allowed, violations);
                  check(index.nearest(SearchScope.of("atomic"), vector, 100), allowed, violations);
                  searches.addAndGet(2);
                }
              });
      for (int i = 0; i < 300; i++) {
        index.replaceDocument("atomic", "doc-1", i % 2 == 0 ? large : small);
      }
      writing.set(false);
      reader.join(10_000);
    }

    assertThat(violations).as("mixed or missing versions").isEmpty();
    assertThat(searches.get()).isPositive();
  }

  private static void check(
      List<ScoredChunk> results, Set<Set<String>> allowed, ConcurrentLinkedQueue<String> out) {
    Set<String> seen = results.stream().map(ScoredChunk::id).collect(Collectors.toSet());
    if (!allowed.contains(seen)) {
      out.add(seen.toString());
    }
  }

  private static List<IndexedChunk> version(String name, int chunks, float[] vector) {
    return IntStream.range(0, chunks)
        .mapToObj(i ->
            new IndexedChunk(
                new Chunk(
                    name + "-" + i,
                    "doc-1",
                    "atomic",
                    "doc.txt",
                    "Minerals",
                    i,
                    "Quartz is a hard mineral, version " + name,
                    0,
                    10,
                    Map.of()),
                vector))
        .toList();
  }

  private static Set<String> ids(List<IndexedChunk> chunks) {
    return chunks.stream().map(c -> c.chunk().id()).collect(Collectors.toSet());
  }

  @Test
  void keepsCommitUserDataAcrossReopen() {
    try (LuceneIndex index = openWithFixtures()) {
      assertThat(index.committedUserData()).isEmpty();
      index.commit(Map.of("position", "42", "generation", "1"));
      index.commit(Map.of("position", "43"));
      index.commit(Map.of());
    }
    try (LuceneIndex reopened = new LuceneIndex(directory, true, Fixtures.DIMENSION)) {
      assertThat(reopened.committedUserData())
          .isEqualTo(Map.of("position", "43", "generation", "1"));
      assertThat(reopened.count(AERONAUTICS)).isEqualTo(Fixtures.inCollection(AERONAUTICS).size());
    }
  }

  @Test
  void keepsChangesAndCommittedPositionOnClose() {
    try (LuceneIndex index = openWithFixtures()) {
      index.commit(Map.of("position", "1"));
      index.deleteCollection(COOKING);
      assertThat(index.count(COOKING)).isZero();
    }
    try (LuceneIndex reopened = new LuceneIndex(directory, true, Fixtures.DIMENSION)) {
      assertThat(reopened.count(COOKING)).isZero();
      assertThat(reopened.committedUserData()).containsEntry("position", "1");
    }
  }

  @Test
  void countsAndDeletesPerCollection() {
    try (LuceneIndex index = openWithFixtures()) {
      assertThat(index.count(AERONAUTICS)).isEqualTo(Fixtures.inCollection(AERONAUTICS).size());
      assertThat(index.count(COOKING)).isEqualTo(Fixtures.inCollection(COOKING).size());
      assertThat(index.count("no-such-collection")).isZero();

      index.deleteCollection(COOKING);

      assertThat(index.count(COOKING)).isZero();
      assertThat(index.count(AERONAUTICS)).isEqualTo(Fixtures.inCollection(AERONAUTICS).size());
      assertThat(index.keyword(SearchScope.of(COOKING), "dough", 10)).isEmpty();
    }
  }

  @Test
  void deletesEveryChunkOfADocument() {
    try (LuceneIndex index = openWithFixtures()) {
      String flight = Fixtures.chunkContaining(AERONAUTICS, "Lift is").documentId();

      index.deleteDocument(flight);

      assertThat(index.count(AERONAUTICS)).isEqualTo(Fixtures.inCollection(AERONAUTICS).size() - 3);
      assertThat(index.keyword(SearchScope.of(AERONAUTICS), "angle of attack", 10)).isEmpty();
    }
  }

  @Test
  void deletesAllChunks() {
    try (LuceneIndex index = openWithFixtures()) {
      assertThat(index.isEmpty()).isFalse();
      index.deleteAll();
      assertThat(index.isEmpty()).isTrue();
    }
  }

  @Test
  void returnsNothingForStopWordsOnly() {
    try (LuceneIndex index = openWithFixtures()) {
      assertThat(index.keyword(SearchScope.of(AERONAUTICS), "the of and is a", 10)).isEmpty();
    }
  }

  @Test
  void rejectsVectorSearchWhenVectorsAreOff() {
    try (LuceneIndex index = new LuceneIndex(directory, false, 0)) {
      float[] vector = Fixtures.vectorFor("x", SEED.value());
      assertThatThrownBy(() -> index.nearest(SearchScope.of(AERONAUTICS), vector, 3))
          .isInstanceOf(IllegalStateException.class);
      assertThatThrownBy(() -> new LuceneVectorStore(index))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void rejectsVectorsOfWrongDimensionOrLength() {
    try (LuceneIndex index = openWithFixtures()) {
      assertThatThrownBy(() -> index.nearest(SearchScope.of(AERONAUTICS), new float[] {1, 0}, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("dimension 2, expected 384");
      float[] tooLong = new float[Fixtures.DIMENSION];
      tooLong[0] = 2;
      assertThatThrownBy(() -> index.nearest(SearchScope.of(AERONAUTICS), tooLong, 3))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("unit-length");
    }
  }

  @Test
  void rejectsChunkOfAnotherDocument() {
    try (LuceneIndex index = new LuceneIndex(directory, false, 0)) {
      List<IndexedChunk> chunks =
          new ArrayList<>(Fixtures.indexedCorpus(SEED.value()).subList(0, 3));
      assertThatThrownBy(() -> index.replaceDocument(AERONAUTICS, "other-document", chunks))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("not aeronautics/other-document");
      assertThat(index.isEmpty()).isTrue();
    }
  }

  @Test
  void refusesToOpenIndexWithOtherVectorDimension() {
    try (LuceneIndex index = openWithFixtures()) {
      index.commit(Map.of());
    }
    assertThatThrownBy(() -> new LuceneIndex(directory, true, 768))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("384-dimensional");
    try (LuceneIndex reopened = new LuceneIndex(directory, true, Fixtures.DIMENSION)) {
      assertThat(reopened.count(COOKING)).isEqualTo(Fixtures.inCollection(COOKING).size());
    }
  }

  @Test
  void rejectsNonPositiveK() {
    try (LuceneIndex index = openWithFixtures()) {
      assertThatThrownBy(() -> index.keyword(SearchScope.of(AERONAUTICS), "wing", 0))
          .isInstanceOf(IllegalArgumentException.class);
    }
  }
}
