package dev.ragops.ingestion;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ragops.model.FilterSyntax;
import dev.ragops.testkit.FilterCases;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** The in-memory filter gives the answers the search stores give ({@link FilterCases}). */
class FilterMatcherTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void matchesTheSameDocumentsAsTheSearchFilters() throws Exception {
    for (var filterCase : FilterCases.CASES.entrySet()) {
      var filter = FilterSyntax.parse(object(filterCase.getKey()));
      var matched = new TreeSet<String>();
      for (var document : FilterCases.CORPUS.entrySet()) {
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
