package io.tessera.storage.sealed;

/**
 * The four kinds of row the sealed layout writes, each with the one insert that writes it: the CQL
 * store prepares these statements and a bulk writer hands the same text to its SSTable writer, so
 * both store the same columns with the same TTL. A row's values ({@link SealedRow}) are bound to
 * the insert's markers in order; the first {@link #partitionColumns()} of them are its partition
 * key.
 */
public enum SealedInsert {
  /** A sealed minute's tile row (kind 0, chunk 0 are literals). */
  MINUTE_TILE(
      3,
      "(view_name, entity, bucket, kind, start_ms, chunk, resolution_ms, newest_event_time, tile)"
          + " VALUES (?, ?, ?, "
          + SealedMinuteTable.TILE_ROW
          + ", ?, 0, ?, ?, ?) USING TTL ?"),
  /** One chunk of a sealed minute's raw events (kind 1). */
  MINUTE_EVENTS(
      3,
      "(view_name, entity, bucket, kind, start_ms, chunk, events) VALUES (?, ?, ?, "
          + SealedMinuteTable.EVENT_ROW
          + ", ?, ?, ?) USING TTL ?"),
  /** A closed coarse tile: no TTL, lifetime windows read day tiles of any age. */
  COARSE_TILE(
      4,
      "(view_name, entity, resolution_ms, bucket, start_ms, newest_event_time, tile)"
          + " VALUES (?, ?, ?, ?, ?, ?, ?)"),
  /** One chunk of a tile manifest's sorted entity keys. */
  MANIFEST(
      4,
      "(view_name, topic, partition_id, bucket, resolution_ms, start_ms, chunk, chunks,"
          + " entity_keys) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) USING TTL ?");

  private final int partitionColumns;
  private final String columnsAndValues;

  SealedInsert(int partitionColumns, String columnsAndValues) {
    this.partitionColumns = partitionColumns;
    this.columnsAndValues = columnsAndValues;
  }

  /** How many leading values are the partition key. */
  public int partitionColumns() {
    return partitionColumns;
  }

  /** The table this kind of row lives in, under {@code schema}'s prefix. */
  public String table(SealedSchema schema) {
    return switch (this) {
      case MINUTE_TILE, MINUTE_EVENTS -> schema.sealedMinutes();
      case COARSE_TILE -> schema.coarseTiles();
      case MANIFEST -> schema.tileManifests();
    };
  }

  /**
   * The insert into {@code table} (a bare name for a session bound to the keyspace, or {@code
   * keyspace.table}).
   */
  public String cql(String table) {
    return "INSERT INTO " + table + " " + columnsAndValues;
  }
}
