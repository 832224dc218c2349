package io.tessera.definitions.view;

/**
 * Where backfill reads history that mirrors the stream: rows with the same columns as the stream's
 * payloads, fed through the same transformation.
 */
public sealed interface BatchSource permits FileBatchSource, JdbcBatchSource {

  /** A day: batch tables are loaded daily, as a rule. */
  long DEFAULT_DELAY_MS = 86_400_000L;

  /**
   * How far behind the wall clock the source is complete: it holds every event older than this. The
   * stream of a lineage started with this source takes over at the start of the coarsest tile that
   * its registration time minus this falls in, so the stream's source must retain at least this
   * much (plus that tile) for the two to overlap.
   */
  long delayMs();
}
