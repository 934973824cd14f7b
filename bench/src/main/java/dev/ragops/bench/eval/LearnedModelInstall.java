package dev.ragops.bench.eval;

import io.micronaut.context.ApplicationContext;
import io.micronaut.core.type.Argument;
import io.micronaut.data.connection.jdbc.advice.DelegatingDataSource;
import io.micronaut.json.JsonMapper;
import java.io.IOException;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Stores a learned rerank model among a collection's search defaults directly in the database, as
 * tuning does when the model gains on held-out cases; the bench uses it to score the model fitted
 * on all cases in-sample when tuning did not apply it. Waits out the defaults' read cache (5 s).
 */
final class LearnedModelInstall {

  private static final String SELECT_SQL =
      """
      SELECT d.settings FROM eval_retrieval_defaults d
      JOIN collections c ON c.id = d.collection_id WHERE c.name = ?\
      """;

  private static final String DELETE_SQL =
      """
      DELETE FROM eval_retrieval_defaults
      WHERE collection_id = (SELECT id FROM collections WHERE name = ?)\
      """;

  private static final String INSERT_SQL =
      """
      INSERT INTO eval_retrieval_defaults (collection_id, settings, report, updated_at)
      SELECT id, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private LearnedModelInstall() {}

  static void install(ApplicationContext context, String collection, Map<String, Object> model)
      throws SQLException, IOException, InterruptedException {
    var json = context.getBean(JsonMapper.class);
    var dataSource = DelegatingDataSource.unwrapDataSource(context.getBean(DataSource.class));
    try (var connection = dataSource.getConnection()) {
      connection.setAutoCommit(false);
      Map<String, Object> settings = new LinkedHashMap<>();
      try (var select = connection.prepareStatement(SELECT_SQL)) {
        select.setString(1, collection);
        try (var row = select.executeQuery()) {
          if (row.next()) {
            settings.putAll(
                json.readValue(row.getString(1), Argument.mapOf(String.class, Object.class)));
          }
        }
      }
      settings.put("learnedModel", model);
      try (var delete = connection.prepareStatement(DELETE_SQL);
          var insert = connection.prepareStatement(INSERT_SQL)) {
        delete.setString(1, collection);
        delete.executeUpdate();
        insert.setString(1, json.writeValueAsString(settings));
        insert.setString(2, "{\"installedBy\":\"CranfieldTuningBench\"}");
        insert.setObject(3, Instant.now().atOffset(ZoneOffset.UTC));
        insert.setString(4, collection);
        insert.executeUpdate();
      }
      connection.commit();
    }
    Thread.sleep(6_000);
  }
}
