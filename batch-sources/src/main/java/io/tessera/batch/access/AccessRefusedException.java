package io.tessera.batch.access;

/**
 * A path or URL that may not be used. A service renders it as a client error: {@link
 * Reason#INVALID} when the request is malformed (a {@code ..}, a file that exists and is not to be
 * replaced, a file that does not exist, a URL carrying credentials), {@link Reason#FORBIDDEN} when
 * it points outside what the host is configured to touch.
 *
 * <p>The message never repeats a refused JDBC URL: a URL may hold secrets.
 */
public final class AccessRefusedException extends RuntimeException {

  /** Why a path or URL is refused; a service maps it to its own status (400, 403). */
  public enum Reason {
    /** The path or URL is malformed, or names a file that does not exist. */
    INVALID,
    /** The path or URL leads outside what the host is configured to touch. */
    FORBIDDEN
  }

  private final Reason reason;

  private AccessRefusedException(Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  static AccessRefusedException invalid(String detail) {
    return new AccessRefusedException(Reason.INVALID, detail);
  }

  static AccessRefusedException forbidden(String detail) {
    return new AccessRefusedException(Reason.FORBIDDEN, detail);
  }

  public Reason reason() {
    return reason;
  }
}
