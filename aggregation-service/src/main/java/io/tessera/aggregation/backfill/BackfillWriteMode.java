package io.tessera.aggregation.backfill;

/** How a backfill's sealed rows, tiles and manifests reach Cassandra. */
public enum BackfillWriteMode {
  /** A request per entity-hour of rows, through the owner's CQL store: works with any cluster. */
  CQL,
  /**
   * Each work unit's rows as SSTables written in this process and imported whole by the node (JMX
   * {@code importNewSSTables}): the node must see the SSTables' directory. Falls back to {@link
   * #CQL}, with a warning, when the node's JMX does not answer at start-up.
   */
  IMPORT
}
