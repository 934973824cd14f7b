package dev.ragops.indexer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.model.SearchScope;
import dev.ragops.testkit.Fixtures;
import dev.ragops.testkit.TestSeed;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** An index whose directory is deleted underneath it is reopened empty and filled again. */
class LuceneIndexRestoreTest {

  @RegisterExtension static final TestSeed SEED = new TestSeed();

  @TempDir Path root;

  @Test
  void reopensAndRefillsAnIndexWhoseDirectoryWasDeleted() throws IOException {
    Path path = root.resolve("lucene");
    var corpus = Fixtures.indexedCorpus(SEED.value());
    try (var index = FixtureLoading.load(new LuceneIndex(path, true, Fixtures.DIMENSION), corpus)) {
      index.commit(Map.of("position", "1"));
      var before = index.keyword(SearchScope.of(Fixtures.AERONAUTICS), "wing", 10);
      assertThat(index.onDisk()).isTrue();

      try (Stream<Path> paths = Files.walk(path)) {
        for (Path file : paths.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(file);
        }
      }
      assertThat(index.onDisk()).isFalse();

      index.restoreDirectory();
      // until the refilled index is committed, searches read the index as it was
      assertThat(index.keyword(SearchScope.of(Fixtures.AERONAUTICS), "wing", 10))
          .extracting(hit -> hit.chunk().id())
          .isEqualTo(before.stream().map(hit -> hit.chunk().id()).toList());
      index.replaceAll(sink -> sink.accept(corpus), Map.of("position", "2"));

      assertThat(index.onDisk()).isTrue();
      assertThat(index.committedUserData()).containsEntry("position", "2");
      assertThat(index.keyword(SearchScope.of(Fixtures.AERONAUTICS), "wing", 10))
          .extracting(hit -> hit.chunk().id())
          .isEqualTo(before.stream().map(hit -> hit.chunk().id()).toList());
    }
    try (var reopened = new LuceneIndex(path, true, Fixtures.DIMENSION)) {
      assertThat(reopened.size()).isEqualTo(corpus.size());
    }
    assertThat(List.of(path)).allSatisfy(p -> assertThat(Files.isDirectory(p)).isTrue());
  }
}
