package dev.ragops.eval;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * A retrieval test collection in the BEIR layout: {@code corpus.jsonl} ({@code {"_id","title",
 * "text"}}), {@code queries.jsonl} ({@code {"_id","text"}}) and {@code qrels/<split>.tsv}.
 *
 * @param name the directory's name
 * @param corpus the documents, in file order
 * @param queries the queries, in file order
 * @param qrels the judgments of the split
 */
record BeirDataset(String name, List<Document> corpus, List<Query> queries, Qrels qrels) {

  /** A corpus document; its id is the {@code sourceId} it is uploaded under. */
  record Document(String id, String title, String text) {

    /** What is uploaded: the title, a blank line and the text (just the text if untitled). */
    String content() {
      return title.isBlank() ? text : title + "\n\n" + text;
    }
  }

  record Query(String id, String text) {}

  /**
   * Reads the dataset in {@code dir}; the qrels are {@code qrels/test.tsv}, or the only file in
   * {@code qrels/} if there is no test split.
   *
   * @throws IllegalArgumentException if a file is missing or malformed, naming it and the line
   */
  static BeirDataset load(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(dir + " is not a directory");
    }
    JsonMapper json = JsonMapper.createDefault();
    List<Document> corpus = new ArrayList<>();
    readJsonl(
        json,
        dir.resolve("corpus.jsonl"),
        (node, where) ->
            corpus.add(new Document(id(node, where), text(node, "title"), text(node, "text"))));
    List<Query> queries = new ArrayList<>();
    readJsonl(
        json,
        dir.resolve("queries.jsonl"),
        (node, where) -> queries.add(new Query(id(node, where), text(node, "text"))));
    requireUnique(corpus.stream().map(Document::id).toList(), "corpus.jsonl");
    requireUnique(queries.stream().map(Query::id).toList(), "queries.jsonl");
    Path qrelsFile = qrelsFile(dir.resolve("qrels"));
    try (var reader = Files.newBufferedReader(qrelsFile)) {
      return new BeirDataset(
          dir.toAbsolutePath().normalize().getFileName().toString(),
          List.copyOf(corpus),
          List.copyOf(queries),
          Qrels.parse(reader, qrelsFile.toString()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + qrelsFile, e);
    }
  }

  private static Path qrelsFile(Path qrelsDir) {
    Path test = qrelsDir.resolve("test.tsv");
    if (Files.isRegularFile(test)) {
      return test;
    }
    List<Path> tsv;
    try (Stream<Path> files = Files.list(qrelsDir)) {
      tsv = files.filter(p -> p.toString().endsWith(".tsv")).toList();
    } catch (IOException e) {
      throw new IllegalArgumentException("no qrels: cannot list " + qrelsDir);
    }
    if (tsv.size() != 1) {
      throw new IllegalArgumentException(
          "no qrels/test.tsv, and " + tsv.size() + " other .tsv files in " + qrelsDir);
    }
    return tsv.get(0);
  }

  private interface LineHandler {
    void accept(JsonNode node, String where);
  }

  private static void readJsonl(JsonMapper json, Path file, LineHandler handler) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("missing " + file);
    }
    try (var lines = Files.newBufferedReader(file)) {
      String line;
      int number = 0;
      while ((line = lines.readLine()) != null) {
        number++;
        if (line.isBlank()) {
          continue;
        }
        String where = file.getFileName() + " line " + number;
        JsonNode node;
        try {
          node = json.readValue(line, JsonNode.class);
        } catch (IOException e) {
          throw new IllegalArgumentException(where + " is not JSON: " + e.getMessage());
        }
        if (node == null || !node.isObject()) {
          throw new IllegalArgumentException(where + " is not a JSON object");
        }
        handler.accept(node, where);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static String id(JsonNode node, String where) {
    JsonNode id = node.get("_id");
    if (id == null || id.isNull() || id.coerceStringValue().isBlank()) {
      throw new IllegalArgumentException(where + " has no \"_id\"");
    }
    return id.coerceStringValue().strip();
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? "" : value.coerceStringValue();
  }

  private static void requireUnique(List<String> ids, String file) {
    var seen = new HashSet<String>();
    for (String id : ids) {
      if (!seen.add(id)) {
        throw new IllegalArgumentException(file + " has the id '" + id + "' twice");
      }
    }
  }
}
