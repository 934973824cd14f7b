package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.micrometer.core.instrument.MeterRegistry;
import io.micronaut.json.tree.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Relevance feedback on real searches over Cranfield abstracts, with the query log sampling every
 * search out ({@code sample-rate: 0}): feedback must still find and log them under the {@code
 * queryId} the search returned.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
abstract class FeedbackContract extends GuardrailsContract {

  @Override
  Map<String, Object> extraProperties() {
    return Map.of("ragops.query-log.sample-rate", 0.0);
  }

  @BeforeAll
  void ingestCranfield() throws IOException {
    createCollection("{\"name\":\"judged\"}");
    createCollection("{\"name\":\"other\"}");
    List<String> lines = Files.readAllLines(Path.of("src/test/resources/cranfield-6.jsonl"));
    for (int i = 0; i < lines.size(); i++) {
      String text = json.readValue(lines.get(i), JsonNode.class).get("text").getStringValue();
      ingested(i < 5 ? "judged" : "other", "cran-" + (i + 1) + ".txt", text);
    }
  }

  private JsonNode feedback(String collection, String body, int status) {
    var response = api.postJson("/v1/collections/" + collection + "/feedback", body);
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    return parse(response);
  }

  private long storedJudgments() {
    return Long.parseLong(column("SELECT COUNT(*) FROM query_feedback").get(0));
  }

  @Test
  @Order(1) // the collection's figures are checked before other tests add judgments
  void feedbackOnAnUnsampledSearchLogsItUnderItsQueryIdAndCountsIt() {
    var first = search("judged", "{\"query\":\"lift increase in a propeller slipstream\",\"k\":3}");
    String queryId = first.get("queryId").getStringValue();
    var hits = first.get("results");
    assertThat(column("SELECT COUNT(*) FROM query_log WHERE id = ?", UUID.fromString(queryId)))
        .containsExactly("0");

    var good =
        feedback(
            "judged",
            "{\"queryId\":\""
                + queryId
                + "\",\"chunkId\":\""
                + hits.get(0).get("chunkId").getStringValue()
                + "\",\"relevant\":true,\"comment\":\"exactly the slipstream study\"}",
            201);
    assertThat(good.get("inResults").getBooleanValue()).isTrue();
    assertThat(good.get("documentId").getStringValue())
        .isEqualTo(hits.get(0).get("documentId").getStringValue());
    feedback(
        "judged",
        "{\"queryId\":\""
            + queryId
            + "\",\"documentId\":\""
            + hits.get(1).get("documentId").getStringValue()
            + "\",\"relevant\":false}",
        201);

    var logged = parse(api.get("/v1/collections/judged/queries?limit=10")).get("queries");
    assertThat(texts(logged, "queryId")).contains(queryId);
    for (int i = 0; i < logged.size(); i++) {
      if (logged.get(i).get("queryId").getStringValue().equals(queryId)) {
        assertThat(logged.get(i).get("parameters").get("sampled").getBooleanValue()).isFalse();
        assertThat(logged.get(i).get("query").getStringValue()).contains("slipstream");
      }
    }

    var second = search("judged", "{\"query\":\"hypersonic heat transfer\",\"k\":3}");
    String other = second.get("queryId").getStringValue();
    feedback(
        "judged",
        "{\"queryId\":\""
            + other
            + "\",\"chunkId\":\""
            + second.get("results").get(0).get("chunkId").getStringValue()
            + "\",\"relevant\":false}",
        201);

    var metrics = parse(api.get("/v1/collections/judged/feedback/metrics"));
    assertThat(metrics.get("judgments").getLongValue()).isEqualTo(3);
    assertThat(metrics.get("positive").getLongValue()).isEqualTo(1);
    assertThat(metrics.get("positiveRate").getDoubleValue()).isCloseTo(1 / 3.0, within(1e-9));
    assertThat(metrics.get("queries").getLongValue()).isEqualTo(2);
    assertThat(metrics.get("noPositiveShare").getDoubleValue()).isCloseTo(0.5, within(1e-9));
    var meters = context.getBean(MeterRegistry.class);
    assertThat(
            meters
                .get("ragops.feedback.no.positive.share")
                .tag("collection", "judged")
                .gauge()
                .value())
        .isCloseTo(0.5, within(1e-9));
    assertThat(
            meters
                .get("ragops.feedback.judgments")
                .tag("collection", "judged")
                .tag("relevant", "false")
                .counter()
                .count())
        .isEqualTo(2);

    var judgments = parse(api.get("/v1/collections/judged/feedback")).get("judgments");
    assertThat(judgments.size()).isEqualTo(3);
    assertThat(judgments.get(0).get("query").getStringValue())
        .isEqualTo("lift increase in a propeller slipstream");
    assertThat(judgments.get(0).get("sourceId").getStringValue()).startsWith("cran-");
    assertThat(judgments.get(0).get("relevant").getBooleanValue()).isTrue();
  }

  @Test
  @Order(2) // after the first test's judgments: one search with a relevant document
  void judgmentsBecomeGoldenCasesWithLineage() {
    var created = api.postJson("/v1/collections/judged/datasets", "{\"name\":\"from-users\"}");
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    var judgments = parse(api.get("/v1/collections/judged/feedback")).get("judgments");
    String queryId = judgments.get(0).get("queryId").getStringValue();
    String relevantSource = judgments.get(0).get("sourceId").getStringValue();

    var promoted =
        api.postJson("/v1/collections/judged/datasets/from-users/cases:fromFeedback", "{}");
    assertThat(promoted.statusCode()).as(promoted.body()).isEqualTo(201);
    var cases = parse(promoted).get("cases");
    assertThat(cases.size()).isEqualTo(1);
    var golden = cases.get(0);
    assertThat(golden.get("query").getStringValue())
        .isEqualTo("lift increase in a propeller slipstream");
    assertThat(golden.get("origin").getStringValue()).isEqualTo("feedback");
    assertThat(golden.get("originId").getStringValue()).isEqualTo(queryId);
    assertThat(texts(golden.get("relevant"), "sourceId")).containsExactly(relevantSource);
    assertThat(golden.get("relevant").get(0).get("contentHash").getStringValue()).isNotBlank();

    var again = api.postJson("/v1/collections/judged/datasets/from-users/cases:fromFeedback", "{}");
    assertThat(parse(again).get("cases").size()).isZero();
    var bad =
        api.postJson(
            "/v1/collections/judged/datasets/from-users/cases:fromFeedback",
            "{\"since\":\"last week\"}");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(parse(bad).get("detail").getStringValue()).contains("since");
  }

  @Test
  void judgingADocumentOutsideTheResultsIsStoredAsNotInResults() {
    var answer = search("judged", "{\"query\":\"boundary layer\",\"k\":1,\"mode\":\"keyword\"}");
    String queryId = answer.get("queryId").getStringValue();
    String shown = answer.get("results").get(0).get("documentId").getStringValue();
    String notShown =
        column(
                "SELECT d.id FROM documents d JOIN collections k ON k.id = d.collection_id"
                    + " WHERE k.name = 'judged'")
            .stream()
            .filter(id -> !id.equals(shown))
            .findFirst()
            .orElseThrow();
    var stored =
        feedback(
            "judged",
            "{\"queryId\":\""
                + queryId
                + "\",\"documentId\":\""
                + notShown
                + "\",\"relevant\":true}",
            201);
    assertThat(stored.get("inResults").getBooleanValue()).isFalse();
  }

  @Test
  void badFeedbackIsRefusedNamingTheFieldAndStoresNothing() {
    var answer = search("judged", "{\"query\":\"wing flutter\",\"k\":2}");
    String queryId = answer.get("queryId").getStringValue();
    String chunkId = answer.get("results").get(0).get("chunkId").getStringValue();
    String otherChunk =
        search("other", "{\"query\":\"wing\",\"k\":1}")
            .get("results")
            .get(0)
            .get("chunkId")
            .getStringValue();
    long before = storedJudgments();

    assertThat(
            detail(feedback("judged", "{\"chunkId\":\"" + chunkId + "\",\"relevant\":true}", 400)))
        .contains("queryId");
    assertThat(
            detail(
                feedback(
                    "judged",
                    "{\"queryId\":\""
                        + queryId
                        + "\",\"chunkId\":\""
                        + chunkId
                        + "\",\"documentId\":\""
                        + chunkId
                        + "\",\"relevant\":true}",
                    400)))
        .contains("chunkId", "documentId");
    assertThat(
            detail(
                feedback(
                    "judged",
                    "{\"queryId\":\"" + queryId + "\",\"chunkId\":\"" + chunkId + "\"}",
                    400)))
        .contains("relevant");
    assertThat(
            detail(
                feedback(
                    "judged",
                    "{\"queryId\":\"" + queryId + "\",\"chunkId\":\"not-an-id\",\"relevant\":true}",
                    400)))
        .contains("chunkId");
    assertThat(
            detail(
                feedback(
                    "judged",
                    "{\"queryId\":\""
                        + queryId
                        + "\",\"chunkId\":\""
                        + otherChunk
                        + "\",\"relevant\":true}",
                    400)))
        .contains("chunkId", "not a chunk of judged");
    assertThat(
            detail(
                feedback(
                    "judged",
                    "{\"queryId\":\""
                        + UUID.randomUUID()
                        + "\",\"chunkId\":\""
                        + chunkId
                        + "\",\"relevant\":true}",
                    404)))
        .contains("queryId");
    feedback("nosuch", "{\"queryId\":\"" + queryId + "\",\"relevant\":true}", 404);
    assertThat(storedJudgments()).isEqualTo(before);
  }

  private static String detail(JsonNode problem) {
    return problem.get("detail").getStringValue();
  }
}
