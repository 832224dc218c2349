package io.tessera.storage.sealed;

import java.util.ArrayList;
import java.util.List;

/**
 * The partition keys of the sealed layout, written down once: which partition a sealed finest row
 * and a coarse tile fall in. Changing a constant here is a format change (existing rows would no
 * longer be found).
 */
final class SealedKeys {

  /**
   * One hour of an entity's sealed finest rows per partition. The read plan reads finest tiles only
   * between an hour boundary and a window edge or the seal point, and raw events of one finest
   * tile, so each of those reads is one partition; and a hot entity's partition holds one hour of
   * its events (50,000 events a minute is about 170 MB an hour), not a day's.
   */
  static final long MINUTE_BUCKET_MS = 3_600_000L;

  /**
   * Coarse tiles of one resolution per partition: 1,024 hour tiles (42 days) or day tiles (2.8
   * years). A plan's range of one coarse resolution (under a day of hours, a window of whole days)
   * is one partition, rarely two.
   */
  static final long TILES_PER_PARTITION = 1_024L;

  /**
   * A read spanning more partitions than this fails instead of issuing that many queries: the read
   * plan never asks for one (42 days of finest tiles), only a mistaken unbounded read would.
   */
  static final long MAX_PARTITIONS_PER_READ = 1_024L;

  /**
   * One UTC day of a lineage's manifests on one normalized partition per Cassandra partition: an
   * hour's close reads its minute manifests and a day's close its hour manifests, each from one
   * partition, and a day of minute manifests is 1,440 small rows.
   */
  static final long MANIFEST_BUCKET_MS = 86_400_000L;

  private SealedKeys() {}

  /** The partition bucket of a sealed finest row starting at {@code startMs}. */
  static long minuteBucket(long startMs) {
    return Math.floorDiv(startMs, MINUTE_BUCKET_MS);
  }

  /** The partition bucket of the manifest of a tile starting at {@code startMs}. */
  static long manifestBucket(long startMs) {
    return Math.floorDiv(startMs, MANIFEST_BUCKET_MS);
  }

  /** The partition bucket of a coarse tile. */
  static long tileBucket(long resolutionMs, long startMs) {
    return Math.floorDiv(startMs, tileBucketSpanMs(resolutionMs));
  }

  static long tileBucketSpanMs(long resolutionMs) {
    return Math.multiplyExact(resolutionMs, TILES_PER_PARTITION);
  }

  /**
   * The buckets of {@code spanMs} that starts in {@code [fromMs, toMs)} fall in, in time order;
   * none for an empty range.
   *
   * @throws IllegalArgumentException when there are more than {@link #MAX_PARTITIONS_PER_READ}
   */
  static List<Long> buckets(long fromMs, long toMs, long spanMs) {
    if (fromMs >= toMs) {
      return List.of();
    }
    long first = Math.floorDiv(fromMs, spanMs);
    long last = Math.floorDiv(toMs - 1, spanMs);
    long extra = last - first; // negative only on overflow, which is far beyond the limit
    if (extra < 0 || extra >= MAX_PARTITIONS_PER_READ) {
      throw new IllegalArgumentException(
          "a read of ["
              + fromMs
              + ", "
              + toMs
              + ") spans more than "
              + MAX_PARTITIONS_PER_READ
              + " partitions; read a bounded range");
    }
    List<Long> buckets = new ArrayList<>((int) extra + 1);
    for (long bucket = first; bucket <= last; bucket++) {
      buckets.add(bucket);
    }
    return buckets;
  }
}
