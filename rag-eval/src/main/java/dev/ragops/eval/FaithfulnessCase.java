package dev.ragops.eval;

import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A labelled faithfulness case in the halueval-qa layout: one JSON object per line with {@code id}
 * (optional), {@code question}, {@code contexts} (list of passages), {@code answer} and {@code
 * faithful} (boolean).
 */
record FaithfulnessCase(
    String id, String question, List<String> contexts, String answer, boolean faithful) {

  FaithfulnessCase {
    contexts = List.copyOf(contexts);
  }

  /** The same case with another answer. */
  FaithfulnessCase withAnswer(String newAnswer) {
    return new FaithfulnessCase(id, question, contexts, newAnswer, faithful);
  }

  /**
   * Reads a JSONL file of cases.
   *
   * @throws IllegalArgumentException naming the line that lacks a field or is not JSON
   */
  static List<FaithfulnessCase> load(Path file) {
    if (!Files.isRegularFile(file)) {
      throw new IllegalArgumentException("no such file: " + file);
    }
    JsonMapper json = JsonMapper.createDefault();
    List<FaithfulnessCase> cases = new ArrayList<>();
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
        cases.add(parse(node, where, String.valueOf(number)));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    if (cases.isEmpty()) {
      throw new IllegalArgumentException(file + " holds no cases");
    }
    return cases;
  }

  private static FaithfulnessCase parse(JsonNode node, String where, String defaultId) {
    if (node == null || !node.isObject()) {
      throw new IllegalArgumentException(where + " is not a JSON object");
    }
    JsonNode contexts = node.get("contexts");
    JsonNode faithful = node.get("faithful");
    JsonNode answer = node.get("answer");
    if (contexts == null || !contexts.isArray()) {
      throw new IllegalArgumentException(where + ": \"contexts\" must be a list of passages");
    }
    if (faithful == null || !faithful.isBoolean()) {
      throw new IllegalArgumentException(where + ": \"faithful\" must be true or false");
    }
    if (answer == null || !answer.isString()) {
      throw new IllegalArgumentException(where + ": \"answer\" must be text");
    }
    List<String> passages = new ArrayList<>();
    for (JsonNode passage : contexts.values()) {
      passages.add(passage.coerceStringValue());
    }
    JsonNode id = node.get("id");
    JsonNode question = node.get("question");
    return new FaithfulnessCase(
        id == null ? defaultId : id.coerceStringValue(),
        question == null || question.isNull() ? "" : question.coerceStringValue(),
        passages,
        answer.getStringValue(),
        faithful.getBooleanValue());
  }
}
