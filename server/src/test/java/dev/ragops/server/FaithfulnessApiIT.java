package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** {@code POST /v1/faithfulness} in embedded mode, with the real embedding model. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class FaithfulnessApiIT {

  private ApplicationContext context;
  private ApiClient api;
  private final JsonMapper json = JsonMapper.createDefault();

  @BeforeAll
  void start() throws IOException {
    Path dataDir = Files.createTempDirectory("ragops-faithfulness-it");
    context =
        Micronaut.build(new String[0])
            .properties(Map.of("micronaut.server.port", -1, "ragops.data-dir", dataDir.toString()))
            .start();
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
  }

  @AfterAll
  void stop() {
    context.close();
  }

  private JsonNode post(String body, int expectedStatus) throws IOException {
    var response = api.postJson("/v1/faithfulness", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    return json.readValue(response.body(), JsonNode.class);
  }

  @Test
  void judgesAnAnswerSentenceBySentence() throws IOException {
    JsonNode result =
        post(
            """
            {"question": "Where is the head office of the Oberoi Group?",
             "answer": "The Oberoi Group has its head office in Delhi. It was founded by Walt Disney in Paris.",
             "contexts": ["The Oberoi Group is a hotel company with its head office in Delhi."]}
            """,
            200);

    assertThat(result.get("judge").getStringValue()).isEqualTo("offline");
    assertThat(result.get("score").getDoubleValue()).isBetween(0.0, 1.0);
    JsonNode sentences = result.get("sentences");
    assertThat(sentences.size()).isEqualTo(2);
    assertThat(sentences.get(0).get("text").getStringValue()).startsWith("The Oberoi Group");
    assertThat(sentences.get(0).get("supported").getBooleanValue()).isTrue();
    assertThat(sentences.get(1).get("supported").getBooleanValue()).isFalse();
    assertThat(sentences.get(1).get("score").getDoubleValue())
        .isLessThan(sentences.get(0).get("score").getDoubleValue());
  }

  @Test
  void badRequestsAre400Problems() throws IOException {
    for (String body :
        new String[] {
          "{\"answer\": \"\", \"contexts\": [\"x\"]}",
          "{\"answer\": \"Delhi\"}",
          "{\"answer\": \"Delhi\", \"contexts\": [\"x\"], \"judge\": \"oracle\"}",
          "{\"answer\": \"Delhi\", \"contexts\": [\"x\"], \"judge\": \"llm\"}"
        }) {
      var response = api.postJson("/v1/faithfulness", body);
      assertThat(response.statusCode()).as(body + " -> " + response.body()).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElse(""))
          .startsWith("application/problem+json");
    }
  }

  @Test
  void usageIsEmptyWithoutAnLlmJudge() {
    var response = api.get("/v1/faithfulness/usage");
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.body()).isEqualTo("{}");
  }
}
