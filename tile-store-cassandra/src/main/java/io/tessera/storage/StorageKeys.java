package io.tessera.storage;

/**
 * The partition keys of the layout, written down once: which event-log and tile partition a time
 * falls in. Changing a constant here is a format change (existing rows would no longer be found).
 */
public final class StorageKeys {

  /**
   * One hour of an entity's events per event-log partition: a hot entity's partition stays bounded,
   * the old-edge read of a window (under one finest tile) touches one partition (two when it
   * straddles the hour), and sealing a minute reads one.
   */
  public static final long LOG_BUCKET_MS = 3_600_000L;

  /**
   * Tiles of one resolution per tile partition: 1,024 minute tiles (17 h), hour tiles (42 days) or
   * day tiles (2.8 years). A read plan's range of one resolution spans one partition, rarely two.
   */
  public static final long TILES_PER_PARTITION = 1_024L;

  /**
   * Ranges spanning more partitions than this are not queried partition by partition: the entity's
   * list of written partitions (kept in its head partition) is read first. Only unbounded reads
   * (tools, tests, lifetime ranges over years) take that path.
   */
  static final long MAX_DIRECT_PARTITIONS = 4;

  private StorageKeys() {}

  /** The event-log bucket of an event time. */
  public static long logBucket(long eventTimeMs) {
    return Math.floorDiv(eventTimeMs, LOG_BUCKET_MS);
  }

  /** The first event time of a log bucket. */
  public static long logBucketStartMs(long bucket) {
    return bucket * LOG_BUCKET_MS;
  }

  /** The tile partition bucket of a tile start. */
  public static long tileBucket(long resolutionMs, long startMs) {
    return Math.floorDiv(startMs, tileBucketSpanMs(resolutionMs));
  }

  static long tileBucketSpanMs(long resolutionMs) {
    return Math.multiplyExact(resolutionMs, TILES_PER_PARTITION);
  }

  /**
   * The buckets of {@code spanMs} that times in {@code [fromMs, toMs)} fall in, as [first, last].
   */
  static long[] bucketRange(long fromMs, long toMs, long spanMs) {
    return new long[] {Math.floorDiv(fromMs, spanMs), Math.floorDiv(toMs - 1, spanMs)};
  }
}
