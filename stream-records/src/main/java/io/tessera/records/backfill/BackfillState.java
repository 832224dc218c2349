package io.tessera.records.backfill;

import java.util.Locale;

/** Where a backfill is in its life; the last three are final. */
public enum BackfillState {
  /** Requested; no worker has taken it yet. */
  QUEUED,
  /** A worker is reading the batch source and writing rows and tiles. */
  RUNNING,
  /** Every row and tile of its range is durable: the version may serve. */
  COMPLETED,
  /** It stopped on an error (the status says which); a new request starts it again. */
  FAILED,
  /** Cancelled on request; rows written so far stay (a later run rewrites the same bytes). */
  CANCELLED;

  public boolean isFinal() {
    return this == COMPLETED || this == FAILED || this == CANCELLED;
  }

  /** The code records and metrics carry: {@code running}. */
  public String code() {
    return name().toLowerCase(Locale.ROOT);
  }
}
