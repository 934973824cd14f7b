package dev.ragops.eval;

import dev.ragops.model.LearnedModel;
import io.micronaut.context.ApplicationContext;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Stores a learned rerank model among a collection's search defaults, the way tuning does when the
 * model gains on held-out cases (through {@link CollectionDefaults}, so this node's cache is
 * cleared too); the bench uses it to score the model fitted on all cases in-sample when tuning did
 * not apply it.
 */
public final class LearnedModelInstall {

  private LearnedModelInstall() {}

  public static void install(
      ApplicationContext context, String collection, Map<String, Object> model) {
    var defaults = context.getBean(CollectionDefaults.class);
    Map<String, Object> settings = new LinkedHashMap<>(defaults.defaults(collection));
    settings.put(LearnedModel.DEFAULTS_KEY, model);
    defaults.store(collection, settings, Map.of("installedBy", "CranfieldTuningBench"));
  }
}
