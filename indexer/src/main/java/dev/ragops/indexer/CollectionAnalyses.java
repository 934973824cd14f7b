package dev.ragops.indexer;

import dev.ragops.model.TextAnalysis;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;

/**
 * Each collection's {@link TextAnalysis}, read from the {@code analyzer} entry of its settings in
 * the database (absent: English) and remembered, since a collection's analysis never changes. A
 * deleted collection is forgotten, so one created again under the same name is read afresh.
 */
@Singleton
class CollectionAnalyses {

  private static final String SETTINGS_SQL = "SELECT settings FROM collections WHERE name = ?";

  private final DataSource dataSource;
  private final JsonMapper json;
  private final Map<String, TextAnalysis> known = new ConcurrentHashMap<>();

  CollectionAnalyses(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  /** The collection's analysis; English for a collection that does not exist (yet). */
  TextAnalysis of(String collection) {
    TextAnalysis analysis = known.get(collection);
    if (analysis != null) {
      return analysis;
    }
    Map<String, Object> settings = read(collection);
    if (settings == null) {
      return TextAnalysis.ENGLISH;
    }
    Object id = settings.get("analyzer");
    analysis = TextAnalysis.of(id == null ? null : id.toString());
    known.put(collection, analysis);
    return analysis;
  }

  void forget(String collection) {
    known.remove(collection);
  }

  /** The collection's settings, or null when it does not exist. */
  @Transactional
  Map<String, Object> read(String collection) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement select = connection.prepareStatement(SETTINGS_SQL)) {
        select.setString(1, collection);
        try (ResultSet row = select.executeQuery()) {
          if (!row.next()) {
            return null;
          }
          Map<String, Object> settings =
              json.readValue(row.getString(1), Argument.mapOf(String.class, Object.class));
          return settings == null ? Map.of() : settings;
        }
      }
    } catch (SQLException | IOException e) {
      throw new IllegalStateException(
          "cannot read the settings of collection '" + collection + "'", e);
    }
  }
}
