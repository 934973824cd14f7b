package dev.ragops.server;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A real retrieval test set small enough for an end-to-end test: 12 Cranfield queries, their 75
 * judged documents and 20 others ({@code freshness/cranfield-sample.json}, taken from {@code
 * shared/datasets/cranfield}).
 */
record CranfieldSample(List<Document> documents, List<Query> queries) {

  record Document(String id, String title, String text) {}

  /** A query and its relevant documents with their Cranfield grades. */
  record Query(String id, String text, Map<String, Integer> relevant) {}

  static CranfieldSample load(JsonMapper json) {
    try (InputStream in =
        CranfieldSample.class.getResourceAsStream("/freshness/cranfield-sample.json")) {
      JsonNode root = json.readValue(in.readAllBytes(), JsonNode.class);
      List<Document> documents = new ArrayList<>();
      for (JsonNode d : root.get("documents").values()) {
        documents.add(
            new Document(
                d.get("id").getStringValue(),
                d.get("title").getStringValue(),
                d.get("text").getStringValue()));
      }
      List<Query> queries = new ArrayList<>();
      for (JsonNode q : root.get("queries").values()) {
        Map<String, Integer> relevant = new LinkedHashMap<>();
        for (var entry : q.get("relevant").entries()) {
          relevant.put(entry.getKey(), entry.getValue().getIntValue());
        }
        queries.add(
            new Query(q.get("id").getStringValue(), q.get("text").getStringValue(), relevant));
      }
      return new CranfieldSample(documents, queries);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
