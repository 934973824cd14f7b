package dev.ragops.eval;

import dev.ragops.model.NonRetriableException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A faithfulness judge backed by a chat model, RAGAS-style, in two requests: the model first breaks
 * each answer sentence into atomic claims, then decides for each claim whether the contexts support
 * it. A sentence's score is the share of its claims supported (1 if it makes none); the answer's is
 * the share of all claims supported. The threshold is 1: a sentence or answer with any unsupported
 * claim is not supported. A claim the model gives no verdict for counts as unsupported. An answer
 * that is not valid JSON is asked for once more.
 */
final class LlmJudge implements FaithfulnessJudge {

  static final String NAME = "llm";

  static final String CLAIMS_PROMPT =
      """
      You split an answer into atomic factual claims. Each claim is one short, self-contained \
      statement, with pronouns replaced by the names they refer to. Use the question only to \
      understand the answer; do not add facts from it. A sentence that states no fact has no \
      claims. Reply with JSON only, in this form:
      {"sentences": [{"sentence": 1, "claims": ["..."]}]}\
      """;

  static final String VERIFY_PROMPT =
      """
      You check claims against a context. A claim is supported only if the context states it or \
      it follows directly from the context. A claim that is plausible, or true in general, but \
      not backed by the context is not supported. Reply with JSON only, one verdict per claim, \
      in this form:
      {"verdicts": [{"claim": 1, "supported": true}]}\
      """;

  private final ChatCompletions chat;
  private final LlmUsage usage;
  private final JsonMapper json;

  LlmJudge(LlmJudgeConfig config, JsonMapper json) {
    this.usage = new LlmUsage(config.inputPrice(), config.outputPrice());
    this.chat = new ChatCompletions(config, usage, json);
    this.json = json;
  }

  @Override
  public String name() {
    return NAME;
  }

  LlmUsage.Snapshot usage() {
    return usage.snapshot();
  }

  @Override
  public Judgement judge(String question, String answer, List<String> contexts) {
    FaithfulnessJudge.requireValid(question, answer, contexts);
    List<String> sentences = OfflineJudge.sentences(answer);
    List<List<String>> claims = claims(question, sentences);
    List<String> flat = claims.stream().flatMap(List::stream).toList();
    Map<Integer, Boolean> verdicts = flat.isEmpty() ? Map.of() : verify(contexts, flat);

    List<Judgement.Sentence> judged = new ArrayList<>();
    int claimNumber = 1;
    int supportedTotal = 0;
    for (int i = 0; i < sentences.size(); i++) {
      int supported = 0;
      for (int c = 0; c < claims.get(i).size(); c++) {
        if (verdicts.getOrDefault(claimNumber++, false)) {
          supported++;
        }
      }
      supportedTotal += supported;
      int total = claims.get(i).size();
      double score = total == 0 ? 1 : (double) supported / total;
      judged.add(new Judgement.Sentence(sentences.get(i), score, score >= 1));
    }
    double score = flat.isEmpty() ? 1 : (double) supportedTotal / flat.size();
    return new Judgement(NAME, score, 1, judged);
  }

  /** The claims of each sentence, in sentence order. */
  private List<List<String>> claims(String question, List<String> sentences) {
    var user = new StringBuilder("Question: ").append(question == null ? "" : question);
    user.append("\n\nAnswer sentences:\n");
    for (int i = 0; i < sentences.size(); i++) {
      user.append(i + 1).append(". ").append(sentences.get(i)).append('\n');
    }
    JsonNode root = completeJson(CLAIMS_PROMPT, user.toString(), "sentences");
    List<List<String>> claims = new ArrayList<>();
    sentences.forEach(s -> claims.add(new ArrayList<>()));
    for (JsonNode entry : root.get("sentences").values()) {
      JsonNode index = entry.get("sentence");
      JsonNode list = entry.get("claims");
      if (index == null || !index.isNumber() || list == null || !list.isArray()) {
        continue;
      }
      int i = index.getIntValue() - 1;
      if (i >= 0 && i < sentences.size()) {
        for (JsonNode claim : list.values()) {
          if (claim.isString() && !claim.getStringValue().isBlank()) {
            claims.get(i).add(claim.getStringValue().strip());
          }
        }
      }
    }
    return claims;
  }

  /** Claim number (from 1) → supported. */
  private Map<Integer, Boolean> verify(List<String> contexts, List<String> claims) {
    var user = new StringBuilder("Context:\n");
    for (String context : contexts) {
      if (context != null && !context.isBlank()) {
        user.append(context.strip()).append("\n\n");
      }
    }
    user.append("Claims:\n");
    for (int i = 0; i < claims.size(); i++) {
      user.append(i + 1).append(". ").append(claims.get(i)).append('\n');
    }
    JsonNode root = completeJson(VERIFY_PROMPT, user.toString(), "verdicts");
    Map<Integer, Boolean> verdicts = new HashMap<>();
    for (JsonNode entry : root.get("verdicts").values()) {
      JsonNode claim = entry.get("claim");
      JsonNode supported = entry.get("supported");
      if (claim != null && claim.isNumber() && supported != null && supported.isBoolean()) {
        verdicts.put(claim.getIntValue(), supported.getBooleanValue());
      }
    }
    return verdicts;
  }

  /** Asks the model; the answer must be a JSON object with a list under {@code field}. */
  private JsonNode completeJson(String system, String user, String field) {
    String last = "";
    for (int attempt = 1; attempt <= 2; attempt++) {
      last = chat.complete(system, user);
      JsonNode root = parseObject(last);
      if (root != null && root.get(field) != null && root.get(field).isArray()) {
        return root;
      }
      if (attempt == 1) {
        usage.retry();
      }
    }
    throw new NonRetriableException(
        "the llm judge's model did not answer the JSON asked for ({\""
            + field
            + "\": [...]}): "
            + (last.length() > 200 ? last.substring(0, 200) + "…" : last));
  }

  /** The JSON object in {@code text}, which may be fenced in Markdown or surrounded by prose. */
  private JsonNode parseObject(String text) {
    int start = text.indexOf('{');
    int end = text.lastIndexOf('}');
    if (start < 0 || end <= start) {
      return null;
    }
    try {
      JsonNode node = json.readValue(text.substring(start, end + 1), JsonNode.class);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }
}
