package io.tessera.serving.config;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.serving.*}.
 *
 * @param maxEntities most entities in one batch request
 * @param requestTimeout the longest a request waits for its reads (a backstop: per-call timeouts
 *     answer first)
 * @param grpcPort the gRPC server's port (0: any free port)
 * @param tablePrefix the storage tables' prefix (tests isolate themselves with one)
 * @param registryTopic the feature-definitions topic
 * @param backfillStatusTopic the topic backfill completions are published to
 * @param store the resilience settings around the store
 * @param cacheMaxBytes the sealed-tile cache's bound
 * @param sealedWindowMaxBytes the merged sealed-window cache's bound, in estimated heap bytes
 * @param sealedWindowIdleExpiry how long a merged sealed window no request used is kept (its key
 *     moves on with the window's start every finest tile)
 * @param trainingDir where training-data jobs write their files when the request names no output
 */
@ConfigurationProperties("tessera.serving")
public record ServingProperties(
    @DefaultValue("100") int maxEntities,
    @DefaultValue("1s") Duration requestTimeout,
    @DefaultValue("9090") int grpcPort,
    @DefaultValue("") String tablePrefix,
    @DefaultValue("feature-definitions") String registryTopic,
    @DefaultValue("backfill-status") String backfillStatusTopic,
    @DefaultValue Store store,
    @DefaultValue("268435456") long cacheMaxBytes,
    @DefaultValue("100663296") long sealedWindowMaxBytes,
    @DefaultValue("3m") Duration sealedWindowIdleExpiry,
    @DefaultValue("${java.io.tmpdir}/tessera-training") String trainingDir) {

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
