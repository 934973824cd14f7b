package dev.ragops.eval;

import dev.ragops.model.NotFoundException;
import dev.ragops.model.RetriableException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.serde.annotation.Serdeable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * The freshness timeline of each collection ({@code freshness_events}): evals, detections,
 * reindexes, verdicts, promotions, rollbacks and alerts, each with a one-line summary and details.
 */
@Singleton
class FreshnessEvents {

  static final List<String> KINDS =
      List.of("eval", "detection", "reindex", "verdict", "promote", "rollback", "alert");

  /** One event, as the timeline API shows it. */
  @Serdeable
  record Event(String id, Instant at, String kind, String summary, Map<String, Object> details) {}

  private static final String INSERT_SQL =
      """
      INSERT INTO freshness_events (id, collection_id, at, kind, summary, details)
      SELECT ?, id, ?, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final String SELECT_SQL =
      """
      SELECT e.id, e.at, e.kind, e.summary, e.details FROM freshness_events e
      JOIN collections c ON c.id = e.collection_id
      WHERE c.name = ? ORDER BY e.at DESC, e.id LIMIT ?\
      """;

  private static final Argument<Map<String, Object>> JSON_OBJECT =
      Argument.mapOf(String.class, Object.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  FreshnessEvents(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** Appends an event to the collection's timeline and returns it. */
  @Transactional
  Event record(String collection, String kind, String summary, Map<String, Object> details) {
    if (!KINDS.contains(kind)) {
      throw new IllegalArgumentException("unknown event kind " + kind);
    }
    var event =
        new Event(UUID.randomUUID().toString(), Instant.now(), kind, summary, Map.copyOf(details));
    try (PreparedStatement insert = dataSource.getConnection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, UUID.fromString(event.id()));
      insert.setObject(2, OffsetDateTime.ofInstant(event.at(), ZoneOffset.UTC));
      insert.setString(3, kind);
      insert.setString(4, summary.length() > 2000 ? summary.substring(0, 2000) : summary);
      insert.setString(5, json.writeValueAsString(details));
      insert.setString(6, collection);
      if (insert.executeUpdate() == 0) {
        throw new NotFoundException("collection '" + collection + "' does not exist");
      }
      return event;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not record a " + kind + " event", e);
    }
  }

  /** The collection's newest {@code limit} events, newest first. */
  @ReadOnly
  List<Event> newest(String collection, int limit) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_SQL)) {
      select.setString(1, collection);
      select.setInt(2, limit);
      List<Event> events = new ArrayList<>();
      try (ResultSet result = select.executeQuery()) {
        while (result.next()) {
          Map<String, Object> details = json.readValue(result.getString("details"), JSON_OBJECT);
          events.add(
              new Event(
                  result.getString("id"),
                  result.getObject("at", OffsetDateTime.class).toInstant(),
                  result.getString("kind"),
                  result.getString("summary"),
                  details == null ? Map.of() : details));
        }
      }
      return events;
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the timeline of " + collection, e);
    }
  }
}
