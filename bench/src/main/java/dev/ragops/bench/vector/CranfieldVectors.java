package dev.ragops.bench.vector;

import dev.ragops.embedder.DjlEmbedder;
import dev.ragops.embedder.EmbedderConfig;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Cranfield corpus and queries with their real embeddings (bge-small-en-v1.5 int8), computed
 * once and cached under {@code bench/.cache} (outside git).
 */
record CranfieldVectors(
    List<String> documentTexts,
    List<float[]> documents,
    List<String> queryTexts,
    List<float[]> queries) {

  static CranfieldVectors load(Path dataset, Path cache) throws IOException {
    List<String> documentTexts = new ArrayList<>();
    for (Map<String, Object> row : jsonLines(dataset.resolve("corpus.jsonl"))) {
      documentTexts.add(row.get("title") + ". " + row.get("text"));
    }
    List<String> queryTexts = new ArrayList<>();
    for (Map<String, Object> row : jsonLines(dataset.resolve("queries.jsonl"))) {
      queryTexts.add(String.valueOf(row.get("text")));
    }
    Path documentFile = cache.resolve("cranfield-documents.f32");
    Path queryFile = cache.resolve("cranfield-queries.f32");
    if (!Files.exists(documentFile) || !Files.exists(queryFile)) {
      Files.createDirectories(cache);
      try (var embedder = DjlEmbedder.create(EmbedderConfig.defaults(cache.resolve("models")))) {
        System.err.printf(
            "embedding %d documents once (cached in %s)%n", documentTexts.size(), cache);
        write(documentFile, embedder.embedDocuments(documentTexts));
        write(queryFile, queryTexts.stream().map(embedder::embedQuery).toList());
      }
    }
    return new CranfieldVectors(documentTexts, read(documentFile), queryTexts, read(queryFile));
  }

  private static List<Map<String, Object>> jsonLines(Path file) throws IOException {
    var json = JsonMapper.createDefault();
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        rows.add(json.readValue(line, Argument.mapOf(String.class, Object.class)));
      }
    }
    return rows;
  }

  private static void write(Path file, List<float[]> vectors) throws IOException {
    try (var out = new DataOutputStream(Files.newOutputStream(file))) {
      out.writeInt(vectors.size());
      out.writeInt(vectors.get(0).length);
      for (float[] vector : vectors) {
        for (float value : vector) {
          out.writeFloat(value);
        }
      }
    }
  }

  private static List<float[]> read(Path file) {
    try (var in = new DataInputStream(Files.newInputStream(file))) {
      int count = in.readInt();
      int dimension = in.readInt();
      List<float[]> vectors = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        float[] vector = new float[dimension];
        for (int d = 0; d < dimension; d++) {
          vector[d] = in.readFloat();
        }
        vectors.add(vector);
      }
      return vectors;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
