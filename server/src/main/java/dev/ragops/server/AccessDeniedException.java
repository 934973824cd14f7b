package dev.ragops.server;

/**
 * A request that must not proceed: no valid key ({@link #unauthenticated}, 401), a key without the
 * scope it needs ({@link #forbidden}, 403), or a key over its rate limit ({@link #rateLimited},
 * 429). The message says which, never the key.
 */
final class AccessDeniedException extends RuntimeException {

  enum Reason {
    UNAUTHENTICATED,
    FORBIDDEN,
    RATE_LIMITED
  }

  private final Reason reason;

  private AccessDeniedException(Reason reason, String message) {
    super(message, null, false, false);
    this.reason = reason;
  }

  static AccessDeniedException unauthenticated(String message) {
    return new AccessDeniedException(Reason.UNAUTHENTICATED, message);
  }

  static AccessDeniedException forbidden(String message) {
    return new AccessDeniedException(Reason.FORBIDDEN, message);
  }

  static AccessDeniedException rateLimited(String message) {
    return new AccessDeniedException(Reason.RATE_LIMITED, message);
  }

  Reason reason() {
    return reason;
  }
}
