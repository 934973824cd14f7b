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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Two nodes sharing one database both run the job engine, and a schedule ticks every ten seconds:
 * every tick runs exactly once, on one node or the other.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class ScheduleTicksContract {

  private final List<ApplicationContext> nodes = new java.util.ArrayList<>();

  /** Database properties both nodes share. */
  abstract Map<String, Object> sharedDatabase(Path dir);

  abstract String[] environments();

  ApiClient startNode(String nodeId, Map<String, Object> database) throws IOException {
    Map<String, Object> properties = new HashMap<>(database);
    properties.put("micronaut.server.port", -1);
    properties.put("ragops.data-dir", Files.createTempDirectory("ragops-" + nodeId).toString());
    properties.put("ragops.node-id", nodeId);
    var context =
        Micronaut.build(new String[0]).properties(properties).environments(environments()).start();
    nodes.add(context);
    return new ApiClient(context.getBean(EmbeddedServer.class).getURI());
  }

  @AfterAll
  void stopNodes() {
    nodes.forEach(ApplicationContext::close);
  }

  @Test
  void everyTickRunsExactlyOnceAcrossTwoNodes() throws Exception {
    var database = sharedDatabase(Files.createTempDirectory("ragops-shared"));
    var a = startNode("node-a", database);
    startNode("node-b", database);
    var json = nodes.get(0).getBean(JsonMapper.class);

    assertThat(a.postJson("/v1/collections", "{\"name\":\"ticks\"}").statusCode()).isEqualTo(201);
    var submitted =
        a.postJson(
            "/v1/collections/ticks/documents",
            "{\"text\":\"Boundary layers separate under adverse pressure gradients.\",\"sourceId\":\"bl\"}");
    assertThat(submitted.statusCode()).as(submitted.body()).isEqualTo(202);
    var schedule =
        a.postJson(
            "/v1/collections/ticks/schedules",
            "{\"cron\":\"*/10 * * * * *\",\"checks\":[\"drift\"],\"onRegression\":\"alert\"}");
    assertThat(schedule.statusCode()).as(schedule.body()).isEqualTo(201);
    String id = json.readValue(schedule.body(), JsonNode.class).get("id").getStringValue();

    Thread.sleep(50_000); // about five ticks
    assertThat(a.postJson("/v1/collections/ticks/schedules/" + id + ":pause", "{}").statusCode())
        .isEqualTo(200);
    Thread.sleep(3_000); // let a tick in progress finish

    var timeline = a.get("/v1/collections/ticks/timeline?limit=1000");
    Map<String, Integer> runsPerTick = new TreeMap<>();
    Map<String, Integer> runsPerNode = new TreeMap<>();
    for (JsonNode event : json.readValue(timeline.body(), JsonNode.class).get("events").values()) {
      if (event.get("kind").getStringValue().equals("detection")) {
        var details = event.get("details");
        runsPerTick.merge(details.get("tick").getStringValue(), 1, Integer::sum);
        runsPerNode.merge(details.get("node").getStringValue(), 1, Integer::sum);
      }
    }
    System.out.printf("ticks run per node: %s%n", runsPerNode);
    assertThat(runsPerTick).hasSizeGreaterThanOrEqualTo(3);
    assertThat(runsPerTick.values()).allMatch(runs -> runs == 1);
    assertThat(runsPerNode.keySet()).isSubsetOf("node-a", "node-b");
  }
}
