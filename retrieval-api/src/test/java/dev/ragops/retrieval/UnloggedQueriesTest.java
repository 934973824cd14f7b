package dev.ragops.retrieval;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Searches the sampling left out are held per collection, once, for a while, up to a count. */
class UnloggedQueriesTest {

  private static QueryLog.Entry entry(String id) {
    return new QueryLog.Entry(
        id,
        "wing flutter",
        Map.of("mode", "hybrid"),
        List.of("c1"),
        List.of("d1"),
        3,
        OffsetDateTime.now());
  }

  @Test
  void givesAHeldSearchBackOnceAndOnlyToItsCollection() {
    var held = new UnloggedQueries(Duration.ofHours(1), 10);
    held.hold("docs", entry("q1"));
    assertThat(held.take("other", "q1")).isEmpty();
    assertThat(held.take("docs", "q1")).map(QueryLog.Entry::query).hasValue("wing flutter");
    assertThat(held.take("docs", "q1")).isEmpty();
  }

  @Test
  void dropsTheOldestBeyondItsSizeAndExpiredOnes() {
    var held = new UnloggedQueries(Duration.ofHours(1), 2);
    held.hold("docs", entry("q1"));
    held.hold("docs", entry("q2"));
    held.hold("docs", entry("q3"));
    assertThat(held.take("docs", "q1")).isEmpty();
    assertThat(held.take("docs", "q3")).isPresent();

    var expired = new UnloggedQueries(Duration.ZERO, 10);
    expired.hold("docs", entry("q4"));
    assertThat(expired.take("docs", "q4")).isEmpty();
  }
}
