package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ragops.testkit.TinyCrossEncoder;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The {@code model} rerank stage through the API with a configured cross-encoder: the tiny graph
 * scores a passage by its token count, so after reranking the longest chunk comes first.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RerankIT {

  private ApplicationContext context;
  private ApiClient api;
  private JsonMapper json;

  @BeforeAll
  void start() throws Exception {
    Path dir = Files.createTempDirectory("ragops-rerank");
    context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port", -1,
                    "ragops.data-dir", dir.toString(),
                    "ragops.rerank.cross-encoder.model", TinyCrossEncoder.extractTo(dir).toString(),
                    "ragops.rerank.cross-encoder.tokenizer",
                        TinyCrossEncoder.bgeTokenizerTo(dir).toString()))
            .start();
    api = new ApiClient(context.getBean(EmbeddedServer.class).getURI());
    json = context.getBean(JsonMapper.class);
  }

  @AfterAll
  void stop() {
    context.close();
  }

  private JsonNode parse(String body) throws Exception {
    return json.readValue(body, JsonNode.class);
  }

  @Test
  void crossEncoderReordersTheFusedHits() throws Exception {
    api.postJson("/v1/collections", "{\"name\":\"rr\"}");
    Map<String, String> files =
        Map.of(
            "short.txt", "Wing flutter.",
            "long.txt",
                "Wing flutter is an aeroelastic instability in which aerodynamic forces couple with"
                    + " the structural modes of the wing until the oscillation grows.",
            "medium.txt", "Flutter of a wing at high speed.");
    for (var file : files.entrySet()) {
      var response =
          api.postMultipart(
              "/v1/collections/rr/documents",
              Map.of(file.getKey(), file.getValue().getBytes()),
              Map.of());
      String jobId = parse(response.body()).get("jobId").getStringValue();
      for (int i = 0; i < 600; i++) {
        if (parse(api.get("/v1/jobs/" + jobId).body())
            .get("status")
            .getStringValue()
            .equals("succeeded")) {
          break;
        }
        Thread.sleep(100);
      }
    }

    var reranked =
        parse(
                api.postJson(
                        "/v1/collections/rr/search",
                        "{\"query\":\"wing flutter\",\"rerank\":{\"type\":\"model\",\"topN\":3}}")
                    .body())
            .get("results");

    assertThat(reranked.size()).isEqualTo(3);
    assertThat(reranked.get(0).get("sourceId").getStringValue()).isEqualTo("long.txt");
    assertThat(reranked.get(2).get("sourceId").getStringValue()).isEqualTo("short.txt");
    double first = reranked.get(0).get("scores").get("rerank").getDoubleValue();
    double second = reranked.get(1).get("scores").get("rerank").getDoubleValue();
    assertThat(first).isGreaterThan(second);
    assertThat(reranked.get(0).get("score").getDoubleValue()).isEqualTo(first);
  }

  @Test
  void unknownRerankTypeIsA400() {
    api.postJson("/v1/collections", "{\"name\":\"rr2\"}");
    var response =
        api.postJson(
            "/v1/collections/rr2/search", "{\"query\":\"x\",\"rerank\":{\"type\":\"magic\"}}");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("rerank.type must be mmr, model or learned");
  }
}
