package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import dev.ragops.model.NonRetriableException;
import dev.ragops.model.RetriableException;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The llm judge's protocol, against a local OpenAI-compatible stand-in server. */
class LlmJudgeTest {

  /** What the stand-in answers next: a status, a body, and a delay. */
  record Reply(int status, String body, long delayMillis) {}

  private final JsonMapper json = JsonMapper.createDefault();
  private final ConcurrentLinkedQueue<Reply> replies = new ConcurrentLinkedQueue<>();
  private final List<JsonNode> requests = new ArrayList<>();
  private final List<String> authorizations = new ArrayList<>();
  private HttpServer server;

  @BeforeEach
  void start() throws IOException {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext(
        "/v1/chat/completions",
        exchange -> {
          byte[] body = exchange.getRequestBody().readAllBytes();
          synchronized (requests) {
            requests.add(json.readValue(body, JsonNode.class));
            authorizations.add(exchange.getRequestHeaders().getFirst("Authorization"));
          }
          Reply reply = replies.poll();
          if (reply == null) {
            reply = new Reply(500, "{\"error\":\"no reply queued\"}", 0);
          }
          try {
            Thread.sleep(reply.delayMillis());
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
          byte[] out = reply.body().getBytes(StandardCharsets.UTF_8);
          if (reply.status() == 429) {
            exchange.getResponseHeaders().add("Retry-After", "0");
          }
          exchange.getResponseHeaders().add("Content-Type", "application/json");
          exchange.sendResponseHeaders(reply.status(), out.length);
          exchange.getResponseBody().write(out);
          exchange.close();
        });
    server.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
    server.start();
  }

  @AfterEach
  void stop() {
    server.stop(0);
  }

  private LlmJudge judge(Duration timeout, int attempts) {
    var config =
        new LlmJudgeConfig(
            URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/v1/"),
            "judge-model",
            "sk-test",
            timeout,
            attempts,
            Duration.ofMillis(10),
            2.0,
            8.0);
    return new LlmJudge(config, json);
  }

  private static String completion(String content, int promptTokens, int completionTokens) {
    String escaped = content.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    return "{\"id\":\"x\",\"object\":\"chat.completion\",\"choices\":[{\"index\":0,\"message\":{\"role\":\"assistant\",\"content\":\""
        + escaped
        + "\"},\"finish_reason\":\"stop\"}],\"usage\":{\"prompt_tokens\":"
        + promptTokens
        + ",\"completion_tokens\":"
        + completionTokens
        + "}}";
  }

  private void queueClaimsAndVerdicts() {
    replies.add(
        new Reply(
            200,
            completion(
                "```json\n{\"sentences\": [{\"sentence\": 1, \"claims\": [\"The head office is in"
                    + " Delhi.\"]}, {\"sentence\": 2, \"claims\": [\"The group was founded in"
                    + " 1934.\", \"The group was founded by Mohan Singh Oberoi.\"]}]}\n```",
                100,
                40),
            0));
    replies.add(
        new Reply(
            200,
            completion(
                "{\"verdicts\": [{\"claim\": 1, \"supported\": true}, {\"claim\": 2, \"supported\":"
                    + " true}, {\"claim\": 3, \"supported\": false}]}",
                150,
                30),
            0));
  }

  @Test
  void extractsClaimsThenVerifiesThemAndCountsUsage() {
    queueClaimsAndVerdicts();
    var judge = judge(Duration.ofSeconds(5), 3);

    var judgement =
        judge.judge(
            "Where is the head office?",
            "The head office is in Delhi. It was founded in 1934 by Mohan Singh Oberoi.",
            List.of("The head office is in Delhi. Founded in 1934, the group runs 31 hotels."));

    assertThat(judgement.judge()).isEqualTo("llm");
    assertThat(judgement.score()).isEqualTo(2 / 3.0);
    assertThat(judgement.sentences())
        .extracting(Judgement.Sentence::score)
        .containsExactly(1.0, 0.5);
    assertThat(judgement.unsupported())
        .containsExactly("It was founded in 1934 by Mohan Singh Oberoi.");
    assertThat(requests).hasSize(2);
    JsonNode first = requests.get(0);
    assertThat(first.get("model").getStringValue()).isEqualTo("judge-model");
    assertThat(first.get("temperature").getIntValue()).isZero();
    assertThat(first.get("messages").get(0).get("role").getStringValue()).isEqualTo("system");
    assertThat(first.get("messages").get(1).get("content").getStringValue())
        .contains("1. The head office is in Delhi.")
        .contains("2. It was founded in 1934 by Mohan Singh Oberoi.");
    assertThat(requests.get(1).get("messages").get(1).get("content").getStringValue())
        .contains("Founded in 1934")
        .contains("3. The group was founded by Mohan Singh Oberoi.");
    assertThat(authorizations).containsOnly("Bearer sk-test");
    var usage = judge.usage();
    assertThat(usage.requests()).isEqualTo(2);
    assertThat(usage.promptTokens()).isEqualTo(250);
    assertThat(usage.completionTokens()).isEqualTo(70);
    assertThat(usage.cost()).isEqualTo((250 * 2.0 + 70 * 8.0) / 1_000_000);
  }

  @Test
  void retriesServerErrorsAndRateLimits() {
    replies.add(new Reply(503, "{\"error\":\"overloaded\"}", 0));
    replies.add(new Reply(429, "{\"error\":\"slow down\"}", 0));
    queueClaimsAndVerdicts();
    var judge = judge(Duration.ofSeconds(5), 3);

    var judgement =
        judge.judge("q", "The head office is in Delhi. Founded in 1934.", List.of("ctx"));

    assertThat(judgement.score()).isEqualTo(2 / 3.0);
    assertThat(judge.usage().retries()).isEqualTo(2);
    assertThat(judge.usage().requests()).isEqualTo(4);
    assertThat(judge.usage().failures()).isZero();
  }

  @Test
  void givesUpAfterTimeoutsOnEveryAttempt() {
    for (int i = 0; i < 2; i++) {
      replies.add(new Reply(200, completion("{}", 1, 1), 1_500));
    }
    var judge = judge(Duration.ofMillis(300), 2);

    assertThatThrownBy(() -> judge.judge("q", "An answer.", List.of("ctx")))
        .isInstanceOf(RetriableException.class)
        .hasMessageContaining("failed 2 times")
        .hasMessageContaining("HttpTimeoutException");
    assertThat(judge.usage().failures()).isEqualTo(1);
  }

  @Test
  void doesNotRetryARejectedRequest() {
    replies.add(new Reply(401, "{\"error\":\"bad key\"}", 0));
    var judge = judge(Duration.ofSeconds(5), 3);

    assertThatThrownBy(() -> judge.judge("q", "An answer.", List.of("ctx")))
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("401");
    assertThat(requests).hasSize(1);
  }

  @Test
  void asksOnceMoreWhenTheModelAnswersNoJsonThenFails() {
    replies.add(new Reply(200, completion("I think the answer is fine.", 5, 5), 0));
    replies.add(new Reply(200, completion("Sure! Here you go.", 5, 5), 0));
    var judge = judge(Duration.ofSeconds(5), 3);

    assertThatThrownBy(() -> judge.judge("q", "An answer.", List.of("ctx")))
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("did not answer the JSON");
    assertThat(requests).hasSize(2);
  }

  @Test
  void anAnswerWithoutClaimsIsFaithfulAndNeedsNoVerification() {
    replies.add(
        new Reply(
            200, completion("{\"sentences\": [{\"sentence\": 1, \"claims\": []}]}", 5, 5), 0));
    var judge = judge(Duration.ofSeconds(5), 3);

    var judgement = judge.judge("q", "I do not know.", List.of("ctx"));

    assertThat(judgement.score()).isEqualTo(1.0);
    assertThat(requests).hasSize(1);
  }
}
