package dev.ragops.eval;

import dev.ragops.model.ConflictException;
import dev.ragops.model.RetriableException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.transaction.annotation.ReadOnly;
import io.micronaut.transaction.annotation.Transactional;
import jakarta.inject.Singleton;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.sql.DataSource;

/** Golden sets, their cases and judgments in the database (tables {@code eval_datasets} …). */
@Singleton
class DatasetStore {

  /** A stored golden set. */
  record Dataset(UUID id, String name, @Nullable String description, Instant createdAt) {}

  private static final String INSERT_DATASET_SQL =
      """
      INSERT INTO eval_datasets (id, collection_id, name, description, created_at)
      SELECT ?, id, ?, ?, ? FROM collections WHERE name = ?\
      """;

  private static final String SELECT_DATASETS_SQL =
      """
      SELECT ds.id, ds.name, ds.description, ds.created_at FROM eval_datasets ds
      JOIN collections c ON c.id = ds.collection_id WHERE c.name = ?\
      """;

  private static final String DELETE_DATASET_SQL = "DELETE FROM eval_datasets WHERE id = ?";

  private static final String INSERT_CASE_SQL =
      """
      INSERT INTO eval_cases (id, dataset_id, query_text, reference_answer, origin, origin_id,
                              created_at, confirmed_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String INSERT_JUDGMENT_SQL =
      """
      INSERT INTO eval_judgments (case_id, position, source_id, chunk_id, grade, content_hash)
      VALUES (?, ?, ?, ?, ?, ?)\
      """;

  private static final String SELECT_CASES_SQL =
      """
      SELECT id, query_text, reference_answer, origin, origin_id, created_at, confirmed_at
      FROM eval_cases WHERE dataset_id = ? ORDER BY created_at, id\
      """;

  private static final String SELECT_JUDGMENTS_SQL =
      """
      SELECT j.case_id, j.source_id, j.chunk_id, j.grade, j.content_hash FROM eval_judgments j
      JOIN eval_cases c ON c.id = j.case_id WHERE c.dataset_id = ? ORDER BY j.case_id, j.position\
      """;

  private static final String DELETE_CASE_SQL =
      "DELETE FROM eval_cases WHERE id = ? AND dataset_id = ?";

  private static final String DELETE_JUDGMENTS_SQL = "DELETE FROM eval_judgments WHERE case_id = ?";

  private static final String CONFIRM_CASE_SQL =
      "UPDATE eval_cases SET confirmed_at = ? WHERE id = ?";

  private final DataSource dataSource;

  DatasetStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  @Transactional
  Dataset insertDataset(String collection, String name, @Nullable String description) {
    var dataset = new Dataset(UUID.randomUUID(), name, description, now());
    try (PreparedStatement insert = connection().prepareStatement(INSERT_DATASET_SQL)) {
      insert.setObject(1, dataset.id());
      insert.setString(2, name);
      insert.setString(3, description);
      insert.setObject(4, dataset.createdAt().atOffset(ZoneOffset.UTC));
      insert.setString(5, collection);
      insert.executeUpdate();
      return dataset;
    } catch (SQLException e) {
      if ("23505".equals(e.getSQLState())) {
        throw new ConflictException(
            "dataset '" + name + "' already exists in collection '" + collection + "'");
      }
      throw new RetriableException("could not store dataset " + name, e);
    }
  }

  @ReadOnly
  List<Dataset> datasets(String collection) {
    return selectDatasets(SELECT_DATASETS_SQL + " ORDER BY ds.name", collection, null);
  }

  @ReadOnly
  Optional<Dataset> find(String collection, String name) {
    return selectDatasets(SELECT_DATASETS_SQL + " AND ds.name = ?", collection, name).stream()
        .findFirst();
  }

  @Transactional
  void deleteDataset(UUID datasetId) {
    update(DELETE_DATASET_SQL, datasetId);
  }

  @Transactional
  void insertCase(UUID datasetId, GoldenCase golden) {
    try (PreparedStatement insert = connection().prepareStatement(INSERT_CASE_SQL)) {
      insert.setObject(1, UUID.fromString(golden.id()));
      insert.setObject(2, datasetId);
      insert.setString(3, golden.query());
      insert.setString(4, golden.referenceAnswer());
      insert.setString(5, golden.origin());
      insert.setString(6, golden.originId());
      insert.setObject(7, golden.createdAt().atOffset(ZoneOffset.UTC));
      insert.setObject(8, golden.confirmedAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not store a case", e);
    }
    insertJudgments(golden.id(), golden.judgments());
  }

  /** Replaces the case's judgments and sets its confirmation time. */
  @Transactional
  void relabel(String caseId, List<Judgment> judgments, Instant confirmedAt) {
    update(DELETE_JUDGMENTS_SQL, UUID.fromString(caseId));
    insertJudgments(caseId, judgments);
    try (PreparedStatement confirm = connection().prepareStatement(CONFIRM_CASE_SQL)) {
      confirm.setObject(1, confirmedAt.atOffset(ZoneOffset.UTC));
      confirm.setObject(2, UUID.fromString(caseId));
      confirm.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not confirm case " + caseId, e);
    }
  }

  /**
   * @return whether the case existed in the dataset
   */
  @Transactional
  boolean deleteCase(UUID datasetId, UUID caseId) {
    try (PreparedStatement delete = connection().prepareStatement(DELETE_CASE_SQL)) {
      delete.setObject(1, caseId);
      delete.setObject(2, datasetId);
      return delete.executeUpdate() > 0;
    } catch (SQLException e) {
      throw new RetriableException("could not delete case " + caseId, e);
    }
  }

  /** The dataset's cases, oldest first, with their judgments. */
  @ReadOnly
  List<GoldenCase> cases(UUID datasetId) {
    Map<String, List<Judgment>> judgments = new LinkedHashMap<>();
    try (PreparedStatement select = connection().prepareStatement(SELECT_JUDGMENTS_SQL)) {
      select.setObject(1, datasetId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          judgments
              .computeIfAbsent(row.getString("case_id"), id -> new ArrayList<>())
              .add(
                  new Judgment(
                      row.getString("source_id"),
                      row.getString("chunk_id"),
                      row.getInt("grade"),
                      row.getString("content_hash").strip()));
        }
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the judgments of dataset " + datasetId, e);
    }
    List<GoldenCase> cases = new ArrayList<>();
    try (PreparedStatement select = connection().prepareStatement(SELECT_CASES_SQL)) {
      select.setObject(1, datasetId);
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          String id = row.getString("id");
          cases.add(
              new GoldenCase(
                  id,
                  row.getString("query_text"),
                  row.getString("reference_answer"),
                  row.getString("origin"),
                  row.getString("origin_id"),
                  judgments.getOrDefault(id, List.of()),
                  instant(row, "created_at"),
                  instant(row, "confirmed_at")));
        }
      }
    } catch (SQLException e) {
      throw new RetriableException("could not read the cases of dataset " + datasetId, e);
    }
    return cases;
  }

  private void insertJudgments(String caseId, List<Judgment> judgments) {
    try (PreparedStatement insert = connection().prepareStatement(INSERT_JUDGMENT_SQL)) {
      for (int i = 0; i < judgments.size(); i++) {
        Judgment j = judgments.get(i);
        insert.setObject(1, UUID.fromString(caseId));
        insert.setInt(2, i);
        insert.setString(3, j.sourceId());
        insert.setObject(4, j.chunkId() == null ? null : UUID.fromString(j.chunkId()));
        insert.setInt(5, j.grade());
        insert.setString(6, j.contentHash());
        insert.addBatch();
      }
      insert.executeBatch();
    } catch (SQLException e) {
      throw new RetriableException("could not store the judgments of case " + caseId, e);
    }
  }

  private List<Dataset> selectDatasets(String sql, String collection, @Nullable String name) {
    try (PreparedStatement select = connection().prepareStatement(sql)) {
      select.setString(1, collection);
      if (name != null) {
        select.setString(2, name);
      }
      List<Dataset> datasets = new ArrayList<>();
      try (ResultSet row = select.executeQuery()) {
        while (row.next()) {
          datasets.add(
              new Dataset(
                  row.getObject("id", UUID.class),
                  row.getString("name"),
                  row.getString("description"),
                  instant(row, "created_at")));
        }
      }
      return datasets;
    } catch (SQLException e) {
      throw new RetriableException("could not read the datasets of " + collection, e);
    }
  }

  private void update(String sql, UUID id) {
    try (PreparedStatement update = connection().prepareStatement(sql)) {
      update.setObject(1, id);
      update.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not update " + id, e);
    }
  }

  private Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  static Instant instant(ResultSet row, String column) throws SQLException {
    OffsetDateTime value = row.getObject(column, OffsetDateTime.class);
    return value == null ? null : value.toInstant();
  }

  static Instant now() {
    return Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
  }
}
