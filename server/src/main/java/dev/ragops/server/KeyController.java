package dev.ragops.server;

import dev.ragops.model.NotFoundException;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.Status;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import io.micronaut.serde.annotation.Serdeable;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Creates, lists and revokes API keys. Needs an admin key for every collection ({@link
 * AccessPolicy}). A new key's secret is in the creation answer only; the database keeps its hash.
 */
@Controller("/v1/keys")
@ExecuteOn(TaskExecutors.BLOCKING)
class KeyController {

  private static final Logger LOG = LoggerFactory.getLogger(KeyController.class);

  /** Collection names as ingestion accepts them, or {@code *}. */
  private static final Pattern COLLECTION = Pattern.compile("\\*|[a-z0-9][a-z0-9_-]{0,63}");

  private final ApiKeyStore store;
  private final KeyResolver resolver;

  KeyController(ApiKeyStore store, KeyResolver resolver) {
    this.store = store;
    this.resolver = resolver;
  }

  /**
   * A key to create.
   *
   * @param collections collection names, or {@code ["*"]} for all collections, present and future
   * @param actions any of {@code search}, {@code ingest}, {@code eval}, {@code admin}
   */
  @Serdeable
  record KeyRequest(
      @NotBlank @Size(max = 128) String name,
      @NotEmpty @Size(max = 256) List<String> collections,
      @NotEmpty @Size(max = 4) List<String> actions) {}

  /** A key as listed; {@code key}, the secret, is set only in the answer that created it. */
  @Serdeable
  record KeyView(
      String id,
      String name,
      String prefix,
      List<String> collections,
      List<String> actions,
      Instant createdAt,
      String key) {

    static KeyView of(ApiKey key, String secret) {
      return new KeyView(
          key.id(),
          key.name(),
          key.prefix(),
          key.collections().stream().sorted().toList(),
          key.actions().stream().sorted().map(Action::label).toList(),
          key.createdAt(),
          secret);
    }
  }

  @Post
  HttpResponse<KeyView> create(@Valid @Body KeyRequest request) {
    var collections = new LinkedHashSet<String>();
    for (String collection : request.collections()) {
      if (!COLLECTION.matcher(collection).matches()) {
        throw new IllegalArgumentException(
            "collections: '" + collection + "' is neither * nor a collection name");
      }
      collections.add(collection);
    }
    if (collections.contains(ApiKey.ALL_COLLECTIONS) && collections.size() > 1) {
      throw new IllegalArgumentException("collections: * stands alone, it already covers all");
    }
    var actions = new LinkedHashSet<Action>();
    request.actions().forEach(action -> actions.add(Action.parse(action)));
    var created = store.create(request.name().strip(), collections, actions);
    LOG.info(
        "Created API key {} '{}' ({}) for collections {} and actions {}",
        created.key().id(),
        created.key().name(),
        created.key().prefix(),
        collections,
        actions);
    return HttpResponse.created(KeyView.of(created.key(), created.secret()));
  }

  @Get
  Map<String, List<KeyView>> list() {
    return Map.of("keys", store.listActive().stream().map(k -> KeyView.of(k, null)).toList());
  }

  @Delete("/{id}")
  @Status(HttpStatus.NO_CONTENT)
  void revoke(String id) {
    String hash =
        store.revoke(id).orElseThrow(() -> new NotFoundException("no active API key " + id));
    resolver.forget(hash);
    LOG.info("Revoked API key {}", id);
  }
}
