package dev.ragops.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragops.model.FilterSyntax;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The in-memory filter gives the answers the search stores give (the server's filter cases). */
class FilterMatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  private static final Map<String, String> CORPUS =
      new TreeMap<>(
          Map.of(
              "a",
              "{\"team\":\"docs\",\"year\":2019,\"draft\":false,\"tags\":[\"x\",\"y\"],\"lang\":\"en\"}",
              "b",
              "{\"team\":\"search\",\"year\":2021,\"draft\":true,\"tags\":[\"y\"],\"lang\":\"de\"}",
              "c",
              "{\"team\":\"docs\",\"year\":2023,\"draft\":false,\"lang\":\"fr\"}",
              "d",
              "{\"team\":\"ops\",\"year\":2024.5,\"tags\":[\"z\"]}",
              "e",
              "{\"team\":\"docs\",\"year\":\"2020\"}",
              "f",
              "{}"));

  private static final Map<String, List<String>> CASES =
      Map.ofEntries(
          Map.entry("{\"team\":\"docs\"}", List.of("a", "c", "e")),
          Map.entry("{\"team\":{\"$ne\":\"docs\"}}", List.of("b", "d", "f")),
          Map.entry("{\"year\":{\"$gte\":2021}}", List.of("b", "c", "d")),
          Map.entry("{\"year\":{\"$gt\":2019,\"$lt\":2024}}", List.of("b", "c")),
          Map.entry("{\"year\":{\"$lt\":\"2021\"}}", List.of("e")),
          Map.entry("{\"year\":{\"$lte\":2019}}", List.of("a")),
          Map.entry("{\"year\":2019}", List.of("a")),
          Map.entry("{\"tags\":\"y\"}", List.of("a", "b")),
          Map.entry("{\"tags\":{\"$in\":[\"x\",\"z\"]}}", List.of("a", "d")),
          Map.entry("{\"tags\":{\"$nin\":[\"y\"]}}", List.of("c", "d", "e", "f")),
          Map.entry("{\"draft\":true}", List.of("b")),
          Map.entry("{\"draft\":{\"$ne\":true}}", List.of("a", "c", "d", "e", "f")),
          Map.entry("{\"$or\":[{\"lang\":\"fr\"},{\"team\":\"ops\"}]}", List.of("c", "d")),
          Map.entry("{\"$and\":[{\"team\":\"docs\"},{\"draft\":false}]}", List.of("a", "c")),
          Map.entry("{\"lang\":{\"$in\":[]}}", List.of()),
          Map.entry("{\"missing\":{\"$ne\":1}}", List.of("a", "b", "c", "d", "e", "f")));

  @Test
  void matchesTheSameDocumentsAsTheSearchFilters() throws Exception {
    for (var filterCase : CASES.entrySet()) {
      var filter = FilterSyntax.parse(object(filterCase.getKey()));
      var matched = new TreeSet<String>();
      for (var document : CORPUS.entrySet()) {
        if (FilterMatcher.matches(filter, object(document.getValue()))) {
          matched.add(document.getKey());
        }
      }
      assertThat(matched)
          .as("filter %s", filterCase.getKey())
          .containsExactlyElementsOf(new TreeSet<>(filterCase.getValue()));
    }
  }

  private static Map<String, Object> object(String json) throws Exception {
    return JSON.readValue(json, new TypeReference<Map<String, Object>>() {});
  }
}
