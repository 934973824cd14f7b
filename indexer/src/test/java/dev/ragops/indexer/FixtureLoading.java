package dev.ragops.indexer;

import dev.ragops.model.IndexedChunk;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/** Loads chunks into a {@link LuceneIndex} the way the indexer does: one document at a time. */
final class FixtureLoading {

  private FixtureLoading() {}

  static LuceneIndex load(LuceneIndex index, List<IndexedChunk> chunks) {
    Map<String, List<IndexedChunk>> byDocument =
        chunks.stream()
            .collect(
                Collectors.groupingBy(
                    c -> c.chunk().documentId(), LinkedHashMap::new, Collectors.toList()));
    byDocument.forEach((documentId, document) ->
        index.replaceDocument(document.get(0).chunk().collection(), documentId, document));
    return index;
  }
}
