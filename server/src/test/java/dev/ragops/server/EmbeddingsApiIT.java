package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ragops.embedder.DjlEmbedder;
import dev.ragops.embedder.RemoteEmbedder;
import dev.ragops.model.Embedder;
import dev.ragops.model.NonRetriableException;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * {@code POST /v1/embeddings} in embedded mode with the real model, as OpenAI clients and the
 * {@link RemoteEmbedder} of other nodes call it.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class EmbeddingsApiIT {

  private static final String MODEL = "bge-small-en-v1.5-q";

  private ApplicationContext context;
  private ApiClient api;
  private URI base;
  private final JsonMapper json = JsonMapper.createDefault();

  @BeforeAll
  void start() throws IOException {
    context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "ragops.data-dir",
                    Files.createTempDirectory("ragops-embeddings-it").toString()))
            .start();
    base = context.getBean(EmbeddedServer.class).getURI();
    api = new ApiClient(base);
  }

  @AfterAll
  void stop() {
    context.close();
  }

  private JsonNode post(String body, int expectedStatus) throws IOException {
    HttpResponse<String> response = api.postJson("/v1/embeddings", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(expectedStatus);
    if (expectedStatus >= 400) {
      assertThat(response.headers().firstValue("Content-Type"))
          .hasValue("application/problem+json");
    }
    return json.readValue(response.body(), JsonNode.class);
  }

  @Test
  void embedsOneStringInTheOpenAiShape() throws IOException {
    JsonNode answer =
        post("{\"input\": \"How do wings make lift?\", \"model\": \"" + MODEL + "\"}", 200);

    assertThat(answer.get("object").getStringValue()).isEqualTo("list");
    assertThat(answer.get("model").getStringValue()).isEqualTo(MODEL);
    JsonNode item = answer.get("data").get(0);
    assertThat(answer.get("data").size()).isEqualTo(1);
    assertThat(item.get("object").getStringValue()).isEqualTo("embedding");
    assertThat(item.get("index").getIntValue()).isZero();
    assertThat(item.get("embedding").size()).isEqualTo(384);
    assertThat(answer.get("usage").get("prompt_tokens").getIntValue()).isEqualTo(6);
    assertThat(answer.get("usage").get("total_tokens").getIntValue()).isEqualTo(6);
  }

  @Test
  void embedsAnArrayInInputOrderAndTheModelMayBeLeftOut() throws IOException {
    List<String> texts =
        List.of("Paris is the capital of France.", "Lift", "Drag grows with speed.");
    JsonNode answer = post("{\"input\": " + json.writeValueAsString(texts) + "}", 200);

    assertThat(answer.get("data").size()).isEqualTo(3);
    List<float[]> expected = context.getBean(DjlEmbedder.class).embedDocuments(texts);
    for (int i = 0; i < texts.size(); i++) {
      JsonNode item = answer.get("data").get(i);
      assertThat(item.get("index").getIntValue()).isEqualTo(i);
      float[] vector = new float[384];
      for (int d = 0; d < vector.length; d++) {
        vector[d] = item.get("embedding").get(d).getFloatValue();
      }
      assertThat(cosine(vector, expected.get(i))).as("text %d", i).isGreaterThan(0.99);
    }
  }

  @Test
  void answersBase64Float32WhenAsked() throws IOException {
    String body = "{\"input\": [\"base64 please\"], \"encoding_format\": \"%s\"}";
    JsonNode floats = post(body.formatted("float"), 200);
    JsonNode base64 = post(body.formatted("base64"), 200);

    ByteBuffer bytes =
        ByteBuffer.wrap(
                Base64.getDecoder()
                    .decode(base64.get("data").get(0).get("embedding").getStringValue()))
            .order(ByteOrder.LITTLE_ENDIAN);
    assertThat(bytes.remaining()).isEqualTo(384 * 4);
    for (int d = 0; d < 384; d++) {
      assertThat(bytes.getFloat())
          .isEqualTo(floats.get("data").get(0).get("embedding").get(d).getFloatValue());
    }
  }

  @ParameterizedTest(name = "{0}")
  @CsvSource(
      delimiter = '|',
      textBlock =
          """
          {"input": []}                                   | input must not be an empty array
          {}                                              | input is required
          {"input": null}                                 | input is required
          {"input": 42}                                   | input is required
          {"input": [[101, 2023]]}                        | input[0] must be a string
          {"input": ["ok", 7]}                            | input[1] must be a string
          {"input": "x", "model": "text-embedding-3-small"} | Unknown model 'text-embedding-3-small'
          {"input": "x", "encoding_format": "int8"}        | encoding_format must be 'float' or 'base64'
          {"input": "x", "dimensions": 256}                | dimensions must be 384
          """)
  void rejectsBadInputWithAProblem(String body, String detail) throws IOException {
    JsonNode problem = post(body, 400);

    assertThat(problem.get("status").getIntValue()).isEqualTo(400);
    assertThat(problem.get("detail").getStringValue()).contains(detail);
  }

  @Test
  void rejectsMoreInputsThanTheLimit() throws IOException {
    String inputs =
        IntStream.range(0, 2049).mapToObj(i -> "\"t\"").collect(Collectors.joining(",", "[", "]"));

    JsonNode problem = post("{\"input\": " + inputs + "}", 400);

    assertThat(problem.get("detail").getStringValue())
        .isEqualTo("input has 2049 items; at most 2048 per request");
  }

  @Test
  void rejectsMalformedJson() throws IOException {
    post("{\"input\": ", 400);
  }

  @Test
  void aRemoteEmbedderGetsTheLocalVectorsBitForBit() {
    RemoteEmbedder remote = RemoteEmbedder.create(base, MODEL, Duration.ofSeconds(30), null);
    DjlEmbedder local = context.getBean(DjlEmbedder.class);

    for (String text : List.of("The boundary layer separates.", "Short", "")) {
      assertThat(remote.embedDocuments(List.of(text)).get(0))
          .as(text)
          .isEqualTo(local.embedDocuments(List.of(text)).get(0));
    }
    assertThat(remote.embedQuery("what makes a wing stall"))
        .isEqualTo(local.embedQuery("what makes a wing stall"));
  }

  @Test
  void aRemoteEmbedderAskingForAnotherModelFailsForGood() {
    RemoteEmbedder remote =
        RemoteEmbedder.create(base, "bge-small-en-v1.5", Duration.ofSeconds(30), null);

    assertThatThrownBy(() -> remote.embedDocuments(List.of("x")))
        .isInstanceOf(NonRetriableException.class)
        .hasMessageContaining("400")
        .hasMessageContaining("Unknown model 'bge-small-en-v1.5'");
  }

  @Test
  void aRemoteEmbedderSendsItsApiKeyToANodeWithAuthentication() throws IOException {
    String key = "test-admin-key-0123456789abcdef";
    try (ApplicationContext secured =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "ragops.data-dir",
                    Files.createTempDirectory("ragops-embeddings-auth").toString(),
                    "ragops.auth.enabled",
                    true,
                    "ragops.auth.admin-key",
                    key))
            .start()) {
      URI node = secured.getBean(EmbeddedServer.class).getURI();

      assertThat(RemoteEmbedder.create(node, MODEL, Duration.ofSeconds(30), key).embedQuery("x"))
          .hasSize(384);
      RemoteEmbedder withoutKey = RemoteEmbedder.create(node, MODEL, Duration.ofSeconds(30), null);
      assertThatThrownBy(() -> withoutKey.embedQuery("x"))
          .isInstanceOf(NonRetriableException.class)
          .hasMessageContaining("401");
    }
  }

  @Test
  void theApplicationEmbedsThroughTheCacheAndReportsItsMeters() throws IOException {
    Embedder embedder = context.getBean(Embedder.class);
    assertThat(embedder.getClass().getSimpleName()).isEqualTo("CachingEmbedder");
    String text = "Cached once " + UUID.randomUUID();
    long modelTexts = context.getBean(DjlEmbedder.class).stats().texts();

    post("{\"input\": [\"" + text + "\", \"" + text + "\"]}", 200);
    post("{\"input\": \"" + text + "\"}", 200);

    assertThat(context.getBean(DjlEmbedder.class).stats().texts() - modelTexts).isEqualTo(1);
    HttpResponse<String> metrics = api.get("/prometheus");
    assertThat(metrics.statusCode()).isEqualTo(200);
    assertThat(metrics.body())
        .contains("ragops_embedder_cache_hits_total{model=\"" + MODEL + "\"}")
        .contains("ragops_embedder_cache_misses_total{model=\"" + MODEL + "\"}")
        .contains("ragops_embedder_padding_waste{model=\"" + MODEL + "\"}")
        .contains("ragops_embedder_batch_size_texts_count{model=\"" + MODEL + "\"}")
        .contains("ragops_embedder_queue_depth_texts{model=\"" + MODEL + "\"}");
  }

  private static double cosine(float[] a, float[] b) {
    double dot = 0;
    double na = 0;
    double nb = 0;
    for (int i = 0; i < a.length; i++) {
      dot += (double) a[i] * b[i];
      na += (double) a[i] * a[i];
      nb += (double) b[i] * b[i];
    }
    return dot / Math.sqrt(na * nb);
  }
}
