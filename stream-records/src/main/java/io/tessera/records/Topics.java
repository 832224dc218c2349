package io.tessera.records;

/** The default names of the platform's internal Kafka topics; each service can override them. */
public final class Topics {

  /** Every version of every definition, compacted; written by the registry only. */
  public static final String FEATURE_DEFINITIONS = "feature-definitions";

  /** Normalized events of every view, keyed by (view, entity); written by ingest. */
  public static final String NORMALIZED_EVENTS = "normalized-events";

  /** Normalized events of backfills: their own topic, so a backfill never stalls the stream. */
  public static final String BACKFILL_EVENTS = "backfill-events";

  /** Events that could not be used, with the reason; written by ingest and aggregation. */
  public static final String DEAD_LETTERS = "dead-letters";

  private Topics() {}
}
