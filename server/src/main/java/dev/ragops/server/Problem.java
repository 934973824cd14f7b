package dev.ragops.server;

import io.micronaut.core.annotation.Nullable;
import io.micronaut.serde.annotation.Serdeable;
import java.util.List;

/**
 * An RFC 9457 problem detail: every error ragops returns has this body, as {@code
 * application/problem+json}.
 *
 * @param errors each error's message and, for invalid fields, the field's path
 */
@Serdeable
record Problem(String type, String title, int status, String detail, List<FieldError> errors) {

  @Serdeable
  record FieldError(String message, @Nullable String path) {}
}
