package io.tessera.ingest;

import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * {@code tessera.ingest.*}: where ingest writes, its limits, and how its sources poll.
 *
 * @param normalizedTopic the topic normalized events go to
 * @param deadLetterTopic the topic dead letters go to
 * @param topicPartitions partitions of those two topics when ingest creates them
 * @param maxPayloadBytes larger raw events are dead-lettered as {@code too_large}; 256 KiB keeps a
 *     dead letter (original bytes in base64) well under Kafka's default 1 MB record limit
 * @param maxEntityKeyBytes an encoded entity key longer than this (UTF-8) is dead-lettered as
 *     {@code too_large}: the key is copied into every state entry, row and request downstream
 * @param maxEventIdBytes a declared event id longer than this (UTF-8) is dead-lettered as {@code
 *     too_large}; it is kept per event for de-duplication
 * @param maxClockSkew an event time further than this ahead of the wall clock is dead-lettered as
 *     {@code too_early}: it would move its view's watermark into the future
 * @param pushMaxItems the most events one push request may carry
 * @param maxBodySize the largest request body (a push); a larger one is answered 413 before it is
 *     read, so no body can exhaust the heap. 1,000 events of a few hundred bytes fit with room
 * @param pushAckTimeout how long a push waits for Kafka's acknowledgement before it answers 503
 *     with {@code Retry-After}: a broker outage must not hold every servlet thread (health needs
 *     one). Also bounds how long the producer may block a send on metadata or a full buffer
 * @param replayThreads dead-letter replays that run at once (one per view at most); more wait
 * @param reconcileInterval how often the running consumers are compared with the registry, besides
 *     on every registry change (retries consumers that failed to start)
 * @param backfillStatusTopic where backfill completions are read: a view's old version is fed until
 *     its new lineage's backfill completed
 * @param handOverGrace how long the old version keeps being fed after that and after the new
 *     version's watermark here caught up with it: longer than serving instances take to switch
 * @param kafka the Kafka source settings
 * @param kinesis the Kinesis source settings
 * @param watermark how this instance publishes its watermarks
 */
@ConfigurationProperties("tessera.ingest")
public record IngestProperties(
    @DefaultValue("normalized-events") String normalizedTopic,
    @DefaultValue("dead-letters") String deadLetterTopic,
    @DefaultValue("4") int topicPartitions,
    @DefaultValue("262144") int maxPayloadBytes,
    @DefaultValue("1024") int maxEntityKeyBytes,
    @DefaultValue("256") int maxEventIdBytes,
    @DefaultValue("5m") Duration maxClockSkew,
    @DefaultValue("1000") int pushMaxItems,
    @DefaultValue("4MB") DataSize maxBodySize,
    @DefaultValue("5s") Duration pushAckTimeout,
    @DefaultValue("2") int replayThreads,
    @DefaultValue("5s") Duration reconcileInterval,
    @DefaultValue("backfill-status") String backfillStatusTopic,
    @DefaultValue("30s") Duration handOverGrace,
    @DefaultValue Kafka kafka,
    @DefaultValue Kinesis kinesis,
    @DefaultValue Watermark watermark) {

  /**
   * @param groupPrefix consumer groups are {@code <prefix>.<view>.v<version>}
   * @param maxPollRecords the most records one batch (one publish, one commit) holds
   * @param retryBackoff the wait before reading a batch again after Kafka refused to store it
   */
  public record Kafka(
      @DefaultValue("tessera-ingest") String groupPrefix,
      @DefaultValue("2000") int maxPollRecords,
      @DefaultValue("1s") Duration retryBackoff) {}

  /**
   * @param pollInterval the wait between GetRecords calls on a shard that returned nothing (a shard
   *     allows 5 calls per second)
   * @param maxRecordsPerCall the GetRecords limit: the most records one batch holds
   * @param leaseDuration a shard lease expires this long after its last renewal; another instance
   *     may then take the shard over
   * @param shardSyncInterval how often the shard list and the leases are looked at again
   * @param workerId this instance's name in the lease table; a random one when empty
   */
  public record Kinesis(
      @DefaultValue("200ms") Duration pollInterval,
      @DefaultValue("1000") int maxRecordsPerCall,
      @DefaultValue("10s") Duration leaseDuration,
      @DefaultValue("1s") Duration shardSyncInterval,
      @DefaultValue("") String workerId) {}

  /**
   * @param interval how often the instance's watermarks are computed and, when changed, published
   * @param heartbeat the longest gap between two watermarks of a view version while it is read, so
   *     that readers (which expire a publisher 30 s after its last record) never drop a live one
   */
  public record Watermark(
      @DefaultValue("200ms") Duration interval, @DefaultValue("2s") Duration heartbeat) {}
}
