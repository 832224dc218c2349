package io.tessera.records;

/** The default names of the platform's internal Kafka topics; each service can override them. */
public final class Topics {

  /** Every version of every definition, compacted; written by the registry only. */
  public static final String FEATURE_DEFINITIONS = "feature-definitions";

  /** Normalized events of every view, keyed by (view, entity); written by ingest. */
  public static final String NORMALIZED_EVENTS = "normalized-events";

  /** Backfill commands (start, cancel), keyed by view; written by the registry. */
  public static final String BACKFILL_REQUESTS = "backfill-requests";

  /** The newest status of every backfill, compacted; written by the backfill workers. */
  public static final String BACKFILL_STATUS = "backfill-status";

  /** Events that could not be used, with the reason; written by ingest and aggregation. */
  public static final String DEAD_LETTERS = "dead-letters";

  private Topics() {}
}
