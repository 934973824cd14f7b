package dev.ragops.indexer;

import dev.ragops.model.KeywordIndex;
import dev.ragops.model.ScoredChunk;
import dev.ragops.model.SearchScope;
import java.util.List;

/** BM25 keyword search over the node's {@link LuceneIndex}. */
public final class LuceneKeywordIndex implements KeywordIndex {

  private final LuceneIndex index;

  public LuceneKeywordIndex(LuceneIndex index) {
    this.index = index;
  }

  /** See {@link LuceneIndex#keyword}: free text, no query syntax, BM25 scores. */
  @Override
  public List<ScoredChunk> search(SearchScope scope, String query, int k) {
    return index.keyword(scope, query, k);
  }
}
