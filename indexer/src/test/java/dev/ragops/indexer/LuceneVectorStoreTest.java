package dev.ragops.indexer;

import dev.ragops.model.IndexedChunk;
import dev.ragops.model.VectorStore;
import dev.ragops.testkit.Fixtures;
import dev.ragops.testkit.VectorStoreContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class LuceneVectorStoreTest extends VectorStoreContract {

  @TempDir Path directory;

  private LuceneIndex index;

  @Override
  protected VectorStore vectorStoreWith(List<IndexedChunk> chunks) {
    index = FixtureLoading.load(new LuceneIndex(directory, true, Fixtures.DIMENSION), chunks);
    return new LuceneVectorStore(index);
  }

  @AfterEach
  void closeIndex() {
    if (index != null) {
      index.close();
    }
  }
}
