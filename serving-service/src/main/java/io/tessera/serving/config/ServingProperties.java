package io.tessera.serving.config;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.serving.*}.
 *
 * @param maxEntities most entities in one batch request
 * @param maxEntityKeyBytes an entity whose encoded key is longer (UTF-8) is a 400 before any read:
 *     ingest dead-letters such keys ({@code tessera.ingest.max-entity-key-bytes}, keep the two
 *     equal), and the store refuses keys over 64 KB, which must not count as a store fault
 * @param requestTimeout the longest a request waits for its reads (a backstop: per-call timeouts
 *     answer first)
 * @param grpcPort the gRPC server's port (0: any free port)
 * @param tablePrefix the storage tables' prefix (tests isolate themselves with one)
 * @param registryTopic the feature-definitions topic
 * @param backfillStatusTopic the topic backfill completions are published to
 * @param store the resilience settings around the store
 * @param sealedBlockMaxBytes the sealed-block cache's bound, in estimated heap bytes
 * @param sealedWindowMaxBytes the merged sealed-window cache's bound, in estimated heap bytes
 * @param sealedWindowIdleExpiry how long a merged sealed window no request used is kept (its key
 *     moves on with the window's start every finest tile)
 * @param trainingDir where training-data jobs write their files when the request names no output
 *     (default: {@code tessera-training} in the JVM's temporary directory; {@code @DefaultValue}
 *     does not resolve placeholders, so the default is decided here)
 * @param follower the follower's settings
 */
@ConfigurationProperties("tessera.serving")
public record ServingProperties(
    @DefaultValue("100") int maxEntities,
    @DefaultValue("1024") int maxEntityKeyBytes,
    @DefaultValue("1s") Duration requestTimeout,
    @DefaultValue("9090") int grpcPort,
    @DefaultValue("") String tablePrefix,
    @DefaultValue("feature-definitions") String registryTopic,
    @DefaultValue("backfill-status") String backfillStatusTopic,
    @DefaultValue Store store,
    @DefaultValue("268435456") long sealedBlockMaxBytes,
    @DefaultValue("100663296") long sealedWindowMaxBytes,
    @DefaultValue("3m") Duration sealedWindowIdleExpiry,
    @DefaultValue("") String trainingDir,
    @DefaultValue Follower follower) {

  public ServingProperties {
    if (trainingDir.isBlank()) {
      trainingDir = Path.of(System.getProperty("java.io.tmpdir"), "tessera-training").toString();
    }
  }

  /**
   * {@code tessera.serving.follower.*}: how the follower reads the normalized topic.
   *
   * @param normalizedTopic the topic the aggregation owner consumes (all of its partitions)
   * @param watermarkPublisherExpiry as the owner's {@code watermark-publisher-expiry}: both must
   *     decide watermarks alike
   * @param unknownViewRetries how often an event of a view the registry has not delivered is
   *     applied again before it is skipped (the owner dead-letters it)
   * @param unknownViewBackoff the wait before each such retry
   * @param lifetimeFrom where lifetime windows start: events before it do not count. The store
   *     refuses a read over more than 1,024 partitions, so a lifetime read needs a real start
   * @param pollTimeout the longest one poll of the topic waits
   * @param markerSettle reads take what the newest seal marker made durable from memory until the
   *     next marker, or for one to two of these when none comes (a quiet stream, the end of a
   *     replayed history): the node absorbs the owner's write burst first, and memory does not
   *     answer for a long last seal for good. Longer than the finest tile, so that while a view
   *     streams the next marker always comes first
   * @param openStateMaxBytes the estimated heap the followed partitions' open state may hold before
   *     raw events spill to files (invariant 9); 0: 40% of the heap
   * @param spillDirectory where spilled raw events go; empty: {@code tessera-spill} in the JVM's
   *     temporary directory
   */
  public record Follower(
      @DefaultValue("normalized-events") String normalizedTopic,
      @DefaultValue("30s") Duration watermarkPublisherExpiry,
      @DefaultValue("20") int unknownViewRetries,
      @DefaultValue("100ms") Duration unknownViewBackoff,
      @DefaultValue("2020-01-01T00:00:00Z") Instant lifetimeFrom,
      @DefaultValue("200ms") Duration pollTimeout,
      @DefaultValue("90s") Duration markerSettle,
      @DefaultValue("0") long openStateMaxBytes,
      @DefaultValue("") String spillDirectory) {}

  /**
   * @param callTimeout the longest one store call may take
   * @param maxConcurrentCalls store calls in flight at most (the bulkhead)
   * @param failureRateThreshold percent of failed calls that opens the circuit
   * @param slidingWindowSize calls the failure rate is computed over
   * @param minimumCalls calls needed before the rate counts
   * @param openDuration how long an open circuit refuses calls before probing
   * @param probeCalls calls let through while half open
   * @param reconnectMaxDelay the driver's longest wait between reconnection attempts
   */
  public record Store(
      @DefaultValue("250ms") Duration callTimeout,
      @DefaultValue("256") int maxConcurrentCalls,
      @DefaultValue("50") float failureRateThreshold,
      @DefaultValue("50") int slidingWindowSize,
      @DefaultValue("10") int minimumCalls,
      @DefaultValue("2s") Duration openDuration,
      @DefaultValue("5") int probeCalls,
      @DefaultValue("2s") Duration reconnectMaxDelay) {}
}
