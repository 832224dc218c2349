package io.tessera.aggregation.backfill;

import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.aggregation.backfill.*} (environment: {@code TESSERA_AGGREGATION_BACKFILL_*});
 * documented in {@code docs/backfill.md}.
 *
 * @param requestsTopic the commands taken (start and cancel, keyed by view; the tasks of a start,
 *     one per normalized partition, spread over its partitions)
 * @param statusTopic where statuses go, compacted
 * @param reportsTopic where the scans of the tasks report, compacted
 * @param consumerGroup instances of one group split the requests' partitions, and so the tasks
 * @param concurrency scans (one read of a batch source for the tasks of one backfill an instance
 *     holds) one instance runs at once; more wait in its queue, in order
 * @param parallelism work units one backfill seals at once; 0: one per available processor
 * @param spillDirectory where routed events wait for their unit (and open state spills); empty:
 *     {@code tessera-backfill} in the JVM's temporary directory
 * @param memoryMaxBytes the estimated heap the units' open states hold before raw events spill; 0:
 *     a fifth of the heap (the owner's open state has its own budget)
 * @param statusInterval how often a running backfill publishes its status
 * @param logInterval how often a running backfill logs its progress
 * @param maxDeadLetters refused rows of one backfill published as dead letters; the rest are only
 *     counted ({@code rowsRejected})
 * @param unknownVersionWait how long a start waits for the registry to deliver its version (the
 *     registry publishes the version, then the command) before the backfill fails
 * @param rememberedIds finished backfill ids remembered, so a redelivered start is not run twice
 * @param writeMode {@code cql} (a request per entity-hour of rows) or {@code import} (each work
 *     unit's rows as SSTables imported by the node; see {@link Bulk})
 * @param bulk where import mode writes SSTables and how it reaches the node
 */
@ConfigurationProperties("tessera.aggregation.backfill")
public record BackfillProperties(
    @DefaultValue("backfill-requests") String requestsTopic,
    @DefaultValue("backfill-status") String statusTopic,
    @DefaultValue("backfill-reports") String reportsTopic,
    @DefaultValue("tessera-backfill") String consumerGroup,
    @DefaultValue("1") int concurrency,
    @DefaultValue("0") int parallelism,
    @DefaultValue("") String spillDirectory,
    @DefaultValue("0") long memoryMaxBytes,
    @DefaultValue("2s") Duration statusInterval,
    @DefaultValue("10s") Duration logInterval,
    @DefaultValue("1000") int maxDeadLetters,
    @DefaultValue("30s") Duration unknownVersionWait,
    @DefaultValue("10000") int rememberedIds,
    @DefaultValue("cql") BackfillWriteMode writeMode,
    @DefaultValue Bulk bulk) {

  /**
   * {@code tessera.aggregation.backfill.bulk.*}: import mode's node and directory.
   *
   * @param jmxHost the Cassandra node's JMX host
   * @param jmxPort its JMX port
   * @param directory where units write their SSTables until the node moves them in: a directory the
   *     node reads (the same machine or a shared volume), best on its data file system (the move is
   *     then a rename); empty: {@code sstables} under the spill directory
   * @param bufferMib rows one SSTable writer sorts in memory before writing a file (four writers a
   *     unit, one unit per parallel thread)
   */
  public record Bulk(
      @DefaultValue("127.0.0.1") String jmxHost,
      @DefaultValue("7199") int jmxPort,
      @DefaultValue("") String directory,
      @DefaultValue("32") int bufferMib) {}

  /** The share of the heap a budget left at 0 gets: what the owner's 40% leaves room for. */
  static final double DEFAULT_HEAP_SHARE = 0.2;

  public BackfillProperties {
    if (concurrency < 1) {
      throw new IllegalArgumentException("backfill concurrency must be at least 1");
    }
    if (parallelism < 0 || maxDeadLetters < 0 || rememberedIds < 1) {
      throw new IllegalArgumentException(
          "backfill parallelism and max-dead-letters must not be negative, remembered-ids positive");
    }
  }

  int effectiveParallelism() {
    return parallelism > 0 ? parallelism : Runtime.getRuntime().availableProcessors();
  }

  long effectiveMemoryMaxBytes() {
    return memoryMaxBytes > 0
        ? memoryMaxBytes
        : (long) (Runtime.getRuntime().maxMemory() * DEFAULT_HEAP_SHARE);
  }

  Path effectiveBulkDirectory() {
    return bulk.directory().isBlank()
        ? effectiveSpillDirectory().resolve("sstables")
        : Path.of(bulk.directory());
  }

  Path effectiveSpillDirectory() {
    return spillDirectory.isBlank()
        ? Path.of(System.getProperty("java.io.tmpdir"), "tessera-backfill")
        : Path.of(spillDirectory);
  }
}
