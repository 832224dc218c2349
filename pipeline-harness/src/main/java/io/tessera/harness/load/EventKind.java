package io.tessera.harness.load;

/** How an event relates to the time it is produced, which decides what the pipeline must do. */
public enum EventKind {
  /** Event time within a few seconds before production, in random order. */
  ON_TIME,
  /** Older than the current minute tile, but well within the view's allowed lateness. */
  LATE,
  /** The same event (id and payload) produced again shortly after: counts once. */
  DUPLICATE,
  /** Older than the entity's sealed tiles: never applied, dead-lettered as {@code too_late}. */
  TOO_LATE
}
