package io.tessera.aggregation;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tessera.aggregation.*} (environment: {@code TESSERA_AGGREGATION_*}); documented in {@code
 * docs/aggregation.md}.
 *
 * @param normalizedTopic the topic of normalized events to consume
 * @param deadLetterTopic where too-late and undecodable records go
 * @param consumerGroup instances of one group split the topic's partitions
 * @param tablePrefix prefix of the storage tables (tests isolate themselves with it)
 * @param maxPollRecords records per poll
 * @param retryBackoff the wait before a failed partition restarts from its checkpoint, and between
 *     tries of a record of an unknown view
 * @param registryWait how long start-up waits for the registry client to catch up
 * @param watermarkPublisherExpiry an ingest instance that stopped publishing a view's watermark
 *     holds it back until the partition's watermark records were published this much later (see
 *     {@code PartitionWatermarks}); longer than an ingest rebalance, shorter than the allowed
 *     lateness
 * @param unknownViewWait how long records of a view version the registry does not know wait (the
 *     registry may deliver it a moment after ingest) before they are dead-lettered {@code
 *     unknown_view} and the partition moves on
 * @param maxEntityKeyBytes events with a longer entity key are dead-lettered {@code too_large}
 *     (ingest caps keys too; this guards the store against any other producer)
 * @param maxEventBytes normalized records larger than this are dead-lettered {@code too_large}
 * @param checkpointInterval how often a partition with no write job in flight checkpoints its
 *     position
 * @param maxJobsInFlight a partition with more unfinished write jobs is paused until they drain
 * @param drainWait how long a revocation or shutdown waits for a partition's jobs in flight
 * @param ownerId the name written into seal markers; empty: {@code aggregation-} and a random id
 *     per start
 * @param openStateMaxBytes the estimated heap the open state of all owned partitions may hold
 *     before raw events spill to files (invariant 9); 0: 40% of the heap
 * @param spillDirectory where spilled raw events go; empty: {@code tessera-spill} in the JVM's
 *     temporary directory. Files are unlinked once open and freed when their minute seals
 */
@ConfigurationProperties("tessera.aggregation")
public record AggregationProperties(
    @DefaultValue("normalized-events") String normalizedTopic,
    @DefaultValue("dead-letters") String deadLetterTopic,
    @DefaultValue("tessera-aggregation") String consumerGroup,
    @DefaultValue("") String tablePrefix,
    @DefaultValue("2000") int maxPollRecords,
    @DefaultValue("500ms") Duration retryBackoff,
    @DefaultValue("60s") Duration registryWait,
    @DefaultValue("30s") Duration watermarkPublisherExpiry,
    @DefaultValue("30s") Duration unknownViewWait,
    @DefaultValue("1024") int maxEntityKeyBytes,
    @DefaultValue("262144") int maxEventBytes,
    @DefaultValue("1s") Duration checkpointInterval,
    @DefaultValue("8") int maxJobsInFlight,
    @DefaultValue("30s") Duration drainWait,
    @DefaultValue("") String ownerId,
    @DefaultValue("0") long openStateMaxBytes,
    @DefaultValue("") String spillDirectory) {}
