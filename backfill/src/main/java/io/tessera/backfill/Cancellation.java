package io.tessera.backfill;

import java.util.concurrent.CancellationException;

/**
 * A request to stop a backfill, set from any thread and checked by the backfill where stopping
 * leaves nothing half-done: before each source row and before each work unit. A unit already
 * sealing finishes (its rows are written whole, as any run would write them); rows written before
 * the stop stay, and a later run rewrites the same bytes.
 */
public final class Cancellation {
  private volatile boolean cancelled;

  /** Asks the backfill to stop at its next check. */
  public void cancel() {
    cancelled = true;
  }

  public boolean isCancelled() {
    return cancelled;
  }

  /**
   * @throws CancellationException when cancelled: the backfill stops there
   */
  void check() {
    if (cancelled) {
      throw new CancellationException("the backfill was cancelled");
    }
  }
}
