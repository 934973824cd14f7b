package dev.ragops.server;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.serde.annotation.Serdeable;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;

/**
 * {@code GET /v1/usage?from&to&groupBy=collection|key}: tokens, chunks, documents, searches and
 * cost per collection or per API key over {@code [from, to)} (ISO dates or instants, UTC; default:
 * this month so far). Embedding-cache hits are shown as tokens and cost saved. This node's pending
 * search usage ({@link SearchTally}) is written first; other nodes' within their flush interval.
 */
@Controller("/v1/usage")
class UsageController {

  private final UsageTable table;
  private final SearchTally searches;

  UsageController(UsageTable table, SearchTally searches) {
    this.table = table;
    this.searches = searches;
  }

  /** One group's figures; {@code group} is the collection or key id ({@code ""}: no key). */
  @Serdeable
  record Row(
      String group,
      long embeddingTokens,
      long tokensSaved,
      long chunks,
      long documents,
      long searchRequests,
      long queryTokens,
      double cost,
      double costSaved) {}

  @Serdeable
  record Usage(Instant from, Instant to, String groupBy, List<Row> rows, Row total) {}

  @Get
  Usage usage(
      @Nullable @QueryValue String from,
      @Nullable @QueryValue String to,
      @Nullable @QueryValue String groupBy) {
    searches.flush();
    String grouping = groupBy == null ? "collection" : groupBy;
    if (!grouping.equals("collection") && !grouping.equals("key")) {
      throw new IllegalArgumentException(
          "groupBy must be collection or key, got '" + groupBy + "'");
    }
    Instant end = to == null ? Instant.now() : instant(to, "to");
    Instant start =
        from == null
            ? LocalDate.now(ZoneOffset.UTC)
                .withDayOfMonth(1)
                .atStartOfDay(ZoneOffset.UTC)
                .toInstant()
            : instant(from, "from");
    if (!start.isBefore(end)) {
      throw new IllegalArgumentException("from must be before to, got " + start + " and " + end);
    }
    List<Row> rows =
        table.report(start, end, grouping.equals("key")).stream()
            .map(t ->
                new Row(
                    t.group(),
                    t.embeddingTokens() - t.tokensSaved(),
                    t.tokensSaved(),
                    t.chunks(),
                    t.documents(),
                    t.searchRequests(),
                    t.queryTokens(),
                    t.cost(),
                    t.costSaved()))
            .toList();
    return new Usage(start, end, grouping, rows, total(rows));
  }

  private static Row total(List<Row> rows) {
    return new Row(
        "",
        rows.stream().mapToLong(Row::embeddingTokens).sum(),
        rows.stream().mapToLong(Row::tokensSaved).sum(),
        rows.stream().mapToLong(Row::chunks).sum(),
        rows.stream().mapToLong(Row::documents).sum(),
        rows.stream().mapToLong(Row::searchRequests).sum(),
        rows.stream().mapToLong(Row::queryTokens).sum(),
        rows.stream().mapToDouble(Row::cost).sum(),
        rows.stream().mapToDouble(Row::costSaved).sum());
  }

  /**
   * {@code 2026-12-04} (start of that day, UTC) or an instant such as {@code 2026-12-04T10:00:00Z}.
   */
  private static Instant instant(String value, String field) {
    try {
      return value.length() == 10
          ? LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant()
          : Instant.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(
          field
              + " must be a date (2026-12-04) or an instant (2026-12-04T10:00:00Z), got '"
              + value
              + "'");
    }
  }
}
