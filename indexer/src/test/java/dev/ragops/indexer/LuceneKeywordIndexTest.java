package dev.ragops.indexer;

import dev.ragops.model.IndexedChunk;
import dev.ragops.model.KeywordIndex;
import dev.ragops.testkit.KeywordIndexContract;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.io.TempDir;

class LuceneKeywordIndexTest extends KeywordIndexContract {

  @TempDir Path directory;

  private LuceneIndex index;

  @Override
  protected KeywordIndex keywordIndexWith(List<IndexedChunk> chunks) {
    index = FixtureLoading.load(new LuceneIndex(directory, false, 0), chunks);
    return new LuceneKeywordIndex(index);
  }

  @AfterEach
  void closeIndex() {
    if (index != null) {
      index.close();
    }
  }
}
