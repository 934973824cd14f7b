package dev.ragops.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Budget periods, scopes and validation; model prices. */
class BudgetTest {

  private static Budget daily(String collection, String key) {
    return new Budget("b", collection, key, "day", 100L, null, 0.8, true);
  }

  @Test
  void periodsAreUtcDaysAndMonths() {
    Instant now = Instant.parse("2026-12-04T17:35:12Z");
    var day = daily("docs", null);
    assertThat(day.periodStart(now)).isEqualTo(Instant.parse("2026-12-04T00:00:00Z"));
    assertThat(day.periodEnd(now)).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
    var month = new Budget("m", "docs", null, "month", null, 5.0, 0.5, false);
    assertThat(month.periodStart(now)).isEqualTo(Instant.parse("2026-12-01T00:00:00Z"));
    assertThat(month.periodEnd(now)).isEqualTo(Instant.parse("2027-01-01T00:00:00Z"));
    assertThat(month.unit()).isEqualTo("cost");
    assertThat(month.limit()).isEqualTo(5.0);
  }

  @Test
  void coversItsCollectionOrItsKeyOnly() {
    assertThat(daily("docs", null).covers("docs", "k1")).isTrue();
    assertThat(daily("docs", null).covers("other", "k1")).isFalse();
    assertThat(daily(null, "k1").covers("other", "k1")).isTrue();
    assertThat(daily(null, "k1").covers("docs", null)).isFalse();
  }

  @Test
  void refusesBudgetsThatAreNotOneScopeAndOneLimit() {
    assertThatThrownBy(() -> new Budget("x", "docs", "k1", "day", 1L, null, 0.8, false))
        .hasMessageContaining("ragops.usage.budgets.x")
        .hasMessageContaining("collection and key");
    assertThatThrownBy(() -> new Budget("x", "docs", null, "week", 1L, null, 0.8, false))
        .hasMessageContaining("period");
    assertThatThrownBy(() -> new Budget("x", "docs", null, "day", 1L, 2.0, 0.8, false))
        .hasMessageContaining("tokens and cost");
    assertThatThrownBy(() -> new Budget("x", "docs", null, "day", 1L, null, 1.5, false))
        .hasMessageContaining("alert-at");
  }

  @Test
  void pricesTokensAndGpuTime() {
    var price = new ModelPrice("bge", "bge-small-en-v1.5-q", 0.02, 3.0);
    assertThat(price.cost(5000, 0)).isEqualTo(0.1);
    assertThat(price.cost(0, 3_600_000)).isEqualTo(3.0);
    assertThatThrownBy(() -> new ModelPrice("bad", "m", -1, 0)).hasMessageContaining("bad");
  }
}
