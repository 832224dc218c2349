package io.tessera.registry.backfill;

/** A backfill request or cancellation the registry refuses, and why, in transport-neutral terms. */
public final class BackfillRefusedException extends RuntimeException {

  /** Why; the problem handler maps each to an HTTP status. */
  public enum Reason {
    /** The backfill is not known (the view's absence is a {@code DefinitionNotFoundException}). */
    UNKNOWN,
    /** The request cannot be read or names something that cannot be backfilled. */
    BAD_REQUEST,
    /** The request contradicts the backfill's state: one is running already, or it has ended. */
    CONFLICT,
    /** The broker or the status topic cannot be reached now; the same request may succeed later. */
    UNAVAILABLE
  }

  private final Reason reason;

  public BackfillRefusedException(Reason reason, String detail) {
    super(detail);
    this.reason = reason;
  }

  public Reason reason() {
    return reason;
  }
}
