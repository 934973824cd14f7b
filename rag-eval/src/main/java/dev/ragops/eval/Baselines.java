package dev.ragops.eval;

import dev.ragops.model.RetriableException;
import io.micronaut.core.type.Argument;
import io.micronaut.json.JsonMapper;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The eval run each generation is judged against, per golden set ({@code eval_baselines}): the
 * gate's run of a generation it promoted, or a baseline run made when a generation had none.
 */
@Singleton
class Baselines {

  private static final String SELECT_SQL =
      """
      SELECT b.run_id, b.metrics FROM eval_baselines b JOIN collections c ON c.id = b.collection_id
      WHERE c.name = ? AND b.dataset = ? AND b.generation = ?\
      """;

  private static final String DELETE_SQL =
      """
      DELETE FROM eval_baselines WHERE dataset = ? AND generation = ?
      AND collection_id = (SELECT id FROM collections WHERE name = ?)\
      """;

  private static final String INSERT_SQL =
      """
      INSERT INTO eval_baselines (collection_id, dataset, generation, run_id, metrics, created_at)
      SELECT id, ?, ?, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final Argument<Map<String, Double>> METRICS =
      Argument.mapOf(String.class, Double.class);

  private final DataSource dataSource;
  private final JsonMapper json;

  Baselines(DataSource dataSource, JsonMapper json) {
    this.dataSource = dataSource;
    this.json = json;
  }

  @ReadOnly
  Optional<ScoredRun> find(String collection, String dataset, int generation) {
    try (PreparedStatement select = dataSource.getConnection().prepareStatement(SELECT_SQL)) {
      select.setString(1, collection);
      select.setString(2, dataset);
      select.setInt(3, generation);
      try (ResultSet result = select.executeQuery()) {
        if (!result.next()) {
          return Optional.empty();
        }
        return Optional.of(
            new ScoredRun(
                result.getString("run_id"),
                generation,
                json.readValue(result.getString("metrics"), METRICS)));
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not read the baseline of " + collection, e);
    }
  }

  @Transactional
  void save(String collection, String dataset, ScoredRun run) {
    try {
      Connection connection = dataSource.getConnection();
      try (PreparedStatement delete = connection.prepareStatement(DELETE_SQL)) {
        delete.setString(1, dataset);
        delete.setInt(2, run.generation());
        delete.setString(3, collection);
        delete.executeUpdate();
      }
      try (PreparedStatement insert = connection.prepareStatement(INSERT_SQL)) {
        insert.setString(1, dataset);
        insert.setInt(2, run.generation());
        insert.setString(3, run.runId());
        insert.setString(4, json.writeValueAsString(run.metrics()));
        insert.setObject(5, OffsetDateTime.now(ZoneOffset.UTC));
        insert.setString(6, collection);
        insert.executeUpdate();
      }
    } catch (SQLException | IOException e) {
      throw new RetriableException("could not store the baseline of " + collection, e);
    }
  }
}
