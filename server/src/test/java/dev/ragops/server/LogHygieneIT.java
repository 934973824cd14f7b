package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import io.micronaut.context.ApplicationContext;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.runtime.Micronaut;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/**
 * With the production logging configuration ({@code logback.xml}), a session of key management,
 * uploads, searches, refused requests and a failed parse logs nothing at INFO or above that holds a
 * key, a document's text or a query's text.
 */
class LogHygieneIT {

  private static final String ADMIN_KEY = "log-hygiene-admin-key-5d1e9c";
  private static final String DOCUMENT_TEXT =
      "The quokka7f3e clause of the lease says the marmot2b81 tenant pays for repairs.";
  private static final String QUERY = "wombat91c2 quokka7f3e repairs";
  private static final String BOGUS_KEY = "rgk_bogus4a6b-never-issued";

  @Test
  void logsNoKeyDocumentTextOrQueryAtInfo() throws Exception {
    var events = captureWithProductionConfig();
    ApplicationContext context =
        Micronaut.build(new String[0])
            .properties(
                Map.of(
                    "micronaut.server.port",
                    -1,
                    "ragops.data-dir",
                    Files.createTempDirectory("ragops-logs").toString(),
                    "ragops.auth.enabled",
                    true,
                    "ragops.auth.admin-key",
                    ADMIN_KEY))
            .start();
    String issued;
    try {
      var json = context.getBean(JsonMapper.class);
      var admin = new ApiClient(context.getBean(EmbeddedServer.class).getURI()).withKey(ADMIN_KEY);
      assertThat(admin.postJson("/v1/collections", "{\"name\":\"leases\"}").statusCode())
          .isEqualTo(201);
      var key =
          json.readValue(
              admin
                  .postJson(
                      "/v1/keys",
                      "{\"name\":\"leases\",\"collections\":[\"leases\"],"
                          + "\"actions\":[\"search\",\"ingest\"]}")
                  .body(),
              JsonNode.class);
      issued = key.get("key").getStringValue();
      var tenant = admin.withKey(issued);
      List<String> jobs =
          List.of(
              upload(json, tenant, "lease.txt", DOCUMENT_TEXT.getBytes(StandardCharsets.UTF_8)),
              upload(json, tenant, "broken.pdf", TestDocuments.corruptPdf()));
      for (String job : jobs) {
        awaitDone(json, tenant, job);
      }
      for (String mode : List.of("keyword", "vector", "hybrid")) {
        var search =
            tenant.postJson(
                "/v1/collections/leases/search",
                "{\"query\":\"" + QUERY + "\",\"mode\":\"" + mode + "\"}");
        assertThat(search.statusCode()).isEqualTo(200);
        assertThat(search.body()).contains("quokka7f3e");
      }
      assertThat(tenant.get("/v1/collections/leases/queries").body()).contains(QUERY);
      assertThat(admin.withKey(BOGUS_KEY).get("/v1/collections").statusCode()).isEqualTo(401);
      assertThat(
              tenant
                  .postJson("/v1/collections/other/search", "{\"query\":\"" + QUERY + "\"}")
                  .statusCode())
          .isEqualTo(403);
      assertThat(admin.delete("/v1/keys/" + key.get("id").getStringValue()).statusCode())
          .isEqualTo(204);
    } finally {
      context.close();
    }

    var logged =
        events.list.stream()
            .filter(e -> e.getLevel().isGreaterOrEqual(Level.INFO))
            .map(LogHygieneIT::text)
            .toList();
    assertThat(logged).as("the capture works").anyMatch(line -> line.contains("Created API key"));
    for (String secret :
        List.of(ADMIN_KEY, issued, BOGUS_KEY, "quokka7f3e", "marmot2b81", "wombat91c2")) {
      assertThat(logged)
          .as("log lines holding %s", secret)
          .noneMatch(line -> line.contains(secret));
    }
  }

  private static String upload(JsonMapper json, ApiClient client, String name, byte[] content)
      throws Exception {
    var response =
        client.postMultipart("/v1/collections/leases/documents", Map.of(name, content), Map.of());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
    return json.readValue(response.body(), JsonNode.class).get("jobId").getStringValue();
  }

  private static void awaitDone(JsonMapper json, ApiClient client, String jobId) throws Exception {
    for (int i = 0; i < 1200; i++) {
      var job = json.readValue(client.get("/v1/jobs/" + jobId).body(), JsonNode.class);
      String status = job.get("status").getStringValue();
      if (status.equals("succeeded") || status.equals("failed")) {
        return;
      }
      SliceContract.sleep(100);
    }
    throw new AssertionError("job " + jobId + " did not finish");
  }

  /** Reconfigures Logback from the application's logback.xml and records every event. */
  private static ListAppender<ILoggingEvent> captureWithProductionConfig() throws Exception {
    var loggers = (LoggerContext) LoggerFactory.getILoggerFactory();
    loggers.reset();
    var configurator = new JoranConfigurator();
    configurator.setContext(loggers);
    configurator.doConfigure(LogHygieneIT.class.getClassLoader().getResource("logback.xml"));
    var events = new ListAppender<ILoggingEvent>();
    events.setContext(loggers);
    events.start();
    loggers.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME).addAppender(events);
    return events;
  }

  private static String text(ILoggingEvent event) {
    String message = event.getFormattedMessage();
    return event.getThrowableProxy() == null
        ? message
        : message + "\n" + ThrowableProxyUtil.asString(event.getThrowableProxy());
  }
}
