package dev.ragops.eval;

import dev.ragops.model.CollectionCatalog;
import dev.ragops.model.GenerationStore;
import dev.ragops.model.IndexGenerations;
import jakarta.inject.Singleton;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code drift} check: documents of the active generation whose chunks' fingerprint (parser
 * version, chunker settings hash, embedding model and dimension) differs from what the collection's
 * current settings would produce. They are marked stale; a reindex rebuilds them.
 */
@Singleton
class DriftCheck implements FreshnessCheck {

  private final IndexGenerations generations;
  private final GenerationStore store;
  private final CollectionCatalog catalog;
  private final StaleDocuments stale;

  DriftCheck(
      IndexGenerations generations,
      GenerationStore store,
      CollectionCatalog catalog,
      StaleDocuments stale) {
    this.generations = generations;
    this.store = store;
    this.catalog = catalog;
    this.stale = stale;
  }

  @Override
  public String name() {
    return "drift";
  }

  @Override
  public Finding run(Schedule schedule) {
    String collection = schedule.collection();
    var expected = generations.expectedFingerprint(collection);
    int active = catalog.requireActiveGeneration(collection);
    List<String> drifted = new ArrayList<>();
    Map<String, Integer> causes = new LinkedHashMap<>();
    var documents = store.documents(collection, active);
    for (var document : documents.values()) {
      var actual = document.fingerprint();
      List<String> differs = new ArrayList<>();
      if (!actual.parserVersion().equals(expected.parserVersion())) {
        differs.add("parser");
      }
      if (!actual.chunkerHash().equals(expected.chunkerHash())) {
        differs.add("chunker");
      }
      if (!actual.modelId().equals(expected.modelId())
          || actual.dimension() != expected.dimension()) {
        differs.add("model");
      }
      if (!differs.isEmpty()) {
        drifted.add(document.documentId());
        differs.forEach(cause -> causes.merge(cause, 1, Integer::sum));
      }
    }
    stale.replace(collection, "drift", drifted);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("generation", active);
    details.put("documents", documents.size());
    details.put("drifted", drifted.size());
    details.put("causes", causes);
    details.put(
        "expected",
        Map.of(
            "parserVersion", expected.parserVersion(),
            "chunkerHash", expected.chunkerHash(),
            "modelId", expected.modelId(),
            "dimension", expected.dimension()));
    return new Finding(
        name(),
        !drifted.isEmpty(),
        true,
        "drift: %d of %d documents differ from the current settings %s"
            .formatted(drifted.size(), documents.size(), causes),
        details);
  }
}
