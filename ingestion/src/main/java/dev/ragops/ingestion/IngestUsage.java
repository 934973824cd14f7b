package dev.ragops.ingestion;

import dev.ragops.model.Embedder;
import dev.ragops.model.Tokenizer;
import dev.ragops.model.UsageEvent;
import java.util.List;

/**
 * Counts one document's embedding work as its batches are embedded: model tokens of every chunk,
 * those served from the embedding cache, and the time spent in the embedder.
 */
final class IngestUsage {

  private final Tokenizer tokenizer;
  private long tokens;
  private long cachedTokens;
  private long nanos;

  IngestUsage(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Embeds {@code texts} through {@code embedder}, counting them; returns their vectors. */
  List<float[]> embed(Embedder embedder, List<String> texts) {
    long started = System.nanoTime();
    var embedded = embedder.embedCounted(texts);
    nanos += System.nanoTime() - started;
    for (int i = 0; i < texts.size(); i++) {
      int count = tokenizer.count(texts.get(i));
      tokens += count;
      cachedTokens += embedded.cached().get(i) ? count : 0;
    }
    return embedded.vectors();
  }

  UsageEvent event(String collection, String jobId, String model, int chunks) {
    return new UsageEvent(
        UsageEvent.Kind.INGEST,
        collection,
        jobId,
        model,
        tokens,
        cachedTokens,
        chunks,
        nanos / 1_000_000);
  }
}
