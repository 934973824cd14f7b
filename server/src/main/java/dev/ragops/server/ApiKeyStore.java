package dev.ragops.server;

import dev.ragops.model.RetriableException;
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
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import javax.sql.DataSource;

/** The {@code api_keys} table: keys by the SHA-256 of their secret, scopes, revocation. */
@Singleton
class ApiKeyStore {

  private static final String INSERT_SQL =
      """
      INSERT INTO api_keys (id, name, key_hash, key_prefix, collections, actions, created_at)
      VALUES (?, ?, ?, ?, ?, ?, ?)\
      """;

  private static final String FIND_ACTIVE_SQL =
      """
      SELECT id, name, key_prefix, collections, actions, created_at
      FROM api_keys WHERE key_hash = ? AND revoked_at IS NULL\
      """;

  private static final String LIST_ACTIVE_SQL =
      """
      SELECT id, name, key_prefix, collections, actions, created_at
      FROM api_keys WHERE revoked_at IS NULL ORDER BY created_at, id\
      """;

  private static final String REVOKE_SQL =
      "UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL";

  private static final String HASH_OF_SQL = "SELECT key_hash FROM api_keys WHERE id = ?";

  private final DataSource dataSource;

  ApiKeyStore(DataSource dataSource) {
    this.dataSource = dataSource;
  }

  /** A key and its secret, which exists only in this answer. */
  record Created(ApiKey key, String secret) {}

  @Transactional
  public Created create(String name, Set<String> collections, Set<Action> actions) {
    String secret = ApiKey.newSecret();
    var key =
        new ApiKey(
            UUID.randomUUID().toString(),
            name,
            ApiKey.displayPrefix(secret),
            collections,
            actions,
            Instant.now());
    try (PreparedStatement insert = connection().prepareStatement(INSERT_SQL)) {
      insert.setObject(1, UUID.fromString(key.id()));
      insert.setString(2, name);
      insert.setString(3, ApiKey.hash(secret));
      insert.setString(4, key.prefix());
      insert.setString(5, String.join(",", collections.stream().sorted().toList()));
      insert.setString(
          6, actions.stream().sorted().map(Action::label).collect(Collectors.joining(",")));
      insert.setObject(7, key.createdAt().atOffset(ZoneOffset.UTC));
      insert.executeUpdate();
    } catch (SQLException e) {
      throw new RetriableException("could not store the new API key", e);
    }
    return new Created(key, secret);
  }

  /** The active (not revoked) key whose secret hashes to {@code hash}. */
  @ReadOnly
  public Optional<ApiKey> findActive(String hash) {
    try (PreparedStatement find = connection().prepareStatement(FIND_ACTIVE_SQL)) {
      find.setString(1, hash);
      try (ResultSet rows = find.executeQuery()) {
        return rows.next() ? Optional.of(read(rows)) : Optional.empty();
      }
    } catch (SQLException e) {
      throw new RetriableException("could not look up an API key", e);
    }
  }

  @ReadOnly
  public List<ApiKey> listActive() {
    try (PreparedStatement list = connection().prepareStatement(LIST_ACTIVE_SQL);
        ResultSet rows = list.executeQuery()) {
      var keys = new ArrayList<ApiKey>();
      while (rows.next()) {
        keys.add(read(rows));
      }
      return keys;
    } catch (SQLException e) {
      throw new RetriableException("could not list API keys", e);
    }
  }

  /**
   * Revokes the key; returns the hash of its secret, or empty when no active key has this id.
   * Revoked keys stay in the table, so their use can be told from a typo.
   */
  @Transactional
  public Optional<String> revoke(String id) {
    UUID uuid;
    try {
      uuid = UUID.fromString(id);
    } catch (IllegalArgumentException e) {
      return Optional.empty();
    }
    try (PreparedStatement revoke = connection().prepareStatement(REVOKE_SQL);
        PreparedStatement hashOf = connection().prepareStatement(HASH_OF_SQL)) {
      revoke.setObject(1, OffsetDateTime.now(ZoneOffset.UTC));
      revoke.setObject(2, uuid);
      if (revoke.executeUpdate() == 0) {
        return Optional.empty();
      }
      hashOf.setObject(1, uuid);
      try (ResultSet rows = hashOf.executeQuery()) {
        rows.next();
        return Optional.of(rows.getString(1).strip());
      }
    } catch (SQLException e) {
      throw new RetriableException("could not revoke API key " + id, e);
    }
  }

  private Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  private static ApiKey read(ResultSet row) throws SQLException {
    return new ApiKey(
        row.getObject("id").toString(),
        row.getString("name"),
        row.getString("key_prefix"),
        Set.of(row.getString("collections").split(",")),
        Arrays.stream(row.getString("actions").split(","))
            .map(Action::parse)
            .collect(Collectors.toSet()),
        row.getObject("created_at", OffsetDateTime.class).toInstant());
  }
}
