package dev.ragops.server;

import io.micronaut.http.HttpMethod;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.ResponseFilter;
import io.micronaut.http.annotation.ServerFilter;
import io.micronaut.json.JsonMapper;
import io.micronaut.json.tree.JsonNode;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remembers which API key queued each ingest job: after an accepted upload or retry it reads the
 * job ids from the answer ({@code jobId}, or each of {@code submissions}) and stores them with the
 * request's key, so the job's work, done later and maybe on another node, is charged to that key.
 */
@ServerFilter("/v1/collections/**")
final class UsageFilter {

  private static final Logger LOG = LoggerFactory.getLogger(UsageFilter.class);

  private final UsageTable table;
  private final JsonMapper json;

  UsageFilter(UsageTable table, JsonMapper json) {
    this.table = table;
    this.json = json;
  }

  @ResponseFilter
  @ExecuteOn(TaskExecutors.BLOCKING)
  void rememberJobKeys(HttpRequest<?> request, MutableHttpResponse<?> response) {
    if (request.getMethod() != HttpMethod.POST || response.code() != 202) {
      return;
    }
    var key = request.getAttribute(AuthFilter.KEY_ATTRIBUTE, ApiKey.class);
    var body = response.getBody();
    if (key.isEmpty() || body.isEmpty()) {
      return;
    }
    try {
      for (String jobId : jobIds(json.writeValueToTree(body.get()))) {
        table.rememberJobKey(jobId, key.get().id());
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("Could not record the key of an upload to {}: {}", request.getPath(), e.toString());
    }
  }

  private static List<String> jobIds(JsonNode answer) {
    List<String> ids = new ArrayList<>();
    if (answer.get("jobId") != null) {
      ids.add(answer.get("jobId").getStringValue());
    }
    var submissions = answer.get("submissions");
    for (int i = 0; submissions != null && i < submissions.size(); i++) {
      ids.add(submissions.get(i).get("jobId").getStringValue());
    }
    return ids;
  }
}
