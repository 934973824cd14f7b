package dev.ragops.server;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Set;

/**
 * An API key as stored: never the key itself, only its SHA-256 ({@link #hash}). A key is scoped to
 * collections (or {@link #ALL_COLLECTIONS}) and to actions.
 *
 * @param id the key's id, for listing and revoking
 * @param prefix the key's first characters, to recognise it
 * @param collections collection names, or {@code {"*"}} for every collection
 */
record ApiKey(
    String id,
    String name,
    String prefix,
    Set<String> collections,
    Set<Action> actions,
    Instant createdAt) {

  static final String ALL_COLLECTIONS = "*";

  /** Keys start with this, so that secret scanners and people recognise them. */
  static final String KEY_PREFIX = "rgk_";

  private static final SecureRandom RANDOM = new SecureRandom();

  ApiKey {
    collections = Set.copyOf(collections);
    actions = Set.copyOf(actions);
  }

  /**
   * Whether this key may do {@code action} on {@code collection}; a null collection means an
   * operation on all collections, which needs a key for {@code *}. {@code ADMIN} includes every
   * other action.
   */
  boolean allows(Action action, String collection) {
    boolean actionAllowed = actions.contains(action) || actions.contains(Action.ADMIN);
    return actionAllowed && covers(collection);
  }

  /** Whether this key may do anything at all on {@code collection} (null: all collections). */
  boolean coversAnyAction(String collection) {
    return !actions.isEmpty() && covers(collection);
  }

  /** Whether this key holds {@code action} (or admin) for at least one collection. */
  boolean holds(Action action) {
    return actions.contains(action) || actions.contains(Action.ADMIN);
  }

  private boolean covers(String collection) {
    return collections.contains(ALL_COLLECTIONS)
        || (collection != null && collections.contains(collection));
  }

  /** A new random key: {@code rgk_} and 43 characters (256 bits), URL-safe. */
  static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return KEY_PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** The stored form of a key: its SHA-256, in hex. */
  static String hash(String secret) {
    try {
      return HexFormat.of()
          .formatHex(
              MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JDK", e);
    }
  }

  /** The part of a key shown in listings: the prefix and the next 6 characters. */
  static String displayPrefix(String secret) {
    return secret.substring(0, Math.min(secret.length(), KEY_PREFIX.length() + 6));
  }
}
