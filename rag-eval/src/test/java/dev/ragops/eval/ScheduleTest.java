package dev.ragops.eval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScheduleTest {

  private static ScheduleRequest request(
      String cron, List<String> checks, String dataset, String maxAge) {
    return new ScheduleRequest(cron, checks, dataset, null, "reindex", maxAge, null);
  }

  @Test
  void addsASecondsFieldToFiveFieldCron() {
    assertThat(Schedule.normalizeCron("*/15 * * * *")).isEqualTo("0 */15 * * * *");
    assertThat(Schedule.normalizeCron("30 0 3 * * *")).isEqualTo("30 0 3 * * *");
  }

  @Test
  void rejectsMalformedCron() {
    assertThatThrownBy(() -> Schedule.normalizeCron("every day")).hasMessageContaining("cron");
    assertThatThrownBy(() -> Schedule.normalizeCron("")).hasMessageContaining("cron is required");
  }

  @Test
  void dueTickIsTheLatestTickAfterTheLastOne() {
    var schedule = request("0 */10 * * * *", List.of("drift"), null, null).toSchedule("c", 0.02);
    Instant since = Instant.parse("2026-12-04T10:00:00Z");
    assertThat(schedule.dueTick(since, Instant.parse("2026-12-04T10:05:00Z"))).isNull();
    assertThat(schedule.dueTick(since, Instant.parse("2026-12-04T10:10:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T10:10:00Z"));
    // ticks missed while no node ran collapse into the latest
    assertThat(schedule.dueTick(since, Instant.parse("2026-12-04T10:47:00Z")))
        .isEqualTo(Instant.parse("2026-12-04T10:40:00Z"));
  }

  @Test
  void requestNamesTheBadField() {
    assertThatThrownBy(() -> request("0 * * * * *", List.of(), null, null).toSchedule("c", 0.02))
        .hasMessageContaining("checks");
    assertThatThrownBy(
            () -> request("0 * * * * *", List.of("fresh"), null, null).toSchedule("c", 0.02))
        .hasMessageContaining("unknown check 'fresh'");
    assertThatThrownBy(
            () -> request("0 * * * * *", List.of("eval"), null, null).toSchedule("c", 0.02))
        .hasMessageContaining("dataset is required");
    assertThatThrownBy(
            () -> request("0 * * * * *", List.of("ttl"), null, null).toSchedule("c", 0.02))
        .hasMessageContaining("maxAge is required");
    assertThatThrownBy(
            () -> request("0 * * * * *", List.of("ttl"), null, "30 days").toSchedule("c", 0.02))
        .hasMessageContaining("maxAge must be an ISO-8601 duration");
    assertThatThrownBy(() ->
            new ScheduleRequest("0 * * * * *", List.of("drift"), null, null, "panic", null, null)
                .toSchedule("c", 0.02))
        .hasMessageContaining("onRegression must be one of");
    assertThatThrownBy(() ->
            new ScheduleRequest("0 * * * * *", List.of("drift"), null, null, null, null, "ftp://x")
                .toSchedule("c", 0.02))
        .hasMessageContaining("webhookUrl");
  }

  @Test
  void requestFillsDefaults() {
    var schedule =
        new ScheduleRequest(
                "0 0 * * * *", List.of("sources", "sources", "ttl"), null, null, null, "P30D", null)
            .toSchedule("c", 0.02);
    assertThat(schedule.checks()).containsExactly("sources", "ttl");
    assertThat(schedule.onRegression()).isEqualTo("alert");
    assertThat(schedule.maxAge()).hasDays(30);
    assertThat(schedule.thresholds().asMap()).isEqualTo(Map.of("ndcg@10", Map.of("maxDrop", 0.02)));
  }
}
