package dev.ragops.eval;

import dev.ragops.model.Embedder;
import io.micronaut.context.annotation.Value;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.json.JsonMapper;
import jakarta.inject.Provider;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The faithfulness judges of this server: {@code offline} always, {@code llm} when {@code
 * ragops.faithfulness.llm.url} is set. {@code ragops.faithfulness.judge} names the default ({@code
 * offline}).
 */
@Singleton
final class Judges {

  private final Provider<Embedder> embedder;
  private final LlmJudge llm;
  private final String defaultJudge;
  private volatile OfflineJudge offline;

  Judges(
      Provider<Embedder> embedder,
      @Nullable LlmJudgeConfig llmConfig,
      JsonMapper json,
      @Value("${ragops.faithfulness.judge:offline}") String defaultJudge) {
    this.embedder = embedder;
    this.llm = llmConfig == null ? null : new LlmJudge(llmConfig, json);
    this.defaultJudge = defaultJudge;
    if (!defaultJudge.equals(OfflineJudge.NAME) && !defaultJudge.equals(LlmJudge.NAME)) {
      throw new IllegalArgumentException(
          "ragops.faithfulness.judge must be offline or llm, got '" + defaultJudge + "'");
    }
    if (defaultJudge.equals(LlmJudge.NAME) && llm == null) {
      throw new IllegalArgumentException(
          "ragops.faithfulness.judge is llm, but ragops.faithfulness.llm.url is not set");
    }
  }

  /**
   * The judge called {@code name}, or the default when null.
   *
   * @throws IllegalArgumentException for an unknown judge, or {@code llm} when it is not configured
   */
  FaithfulnessJudge get(@Nullable String name) {
    String wanted = name == null || name.isBlank() ? defaultJudge : name;
    return switch (wanted) {
      case OfflineJudge.NAME -> offline();
      case LlmJudge.NAME -> {
        if (llm == null) {
          throw new IllegalArgumentException(
              "the llm judge is not configured: set ragops.faithfulness.llm.url and"
                  + " ragops.faithfulness.llm.model");
        }
        yield llm;
      }
      default ->
          throw new IllegalArgumentException("judge must be offline or llm, got '" + wanted + "'");
    };
  }

  Optional<LlmJudge> llm() {
    return Optional.ofNullable(llm);
  }

  private OfflineJudge offline() {
    OfflineJudge judge = offline;
    if (judge == null) {
      synchronized (this) {
        if (offline == null) {
          offline = new OfflineJudge(embedder.get());
        }
        judge = offline;
      }
    }
    return judge;
  }
}
