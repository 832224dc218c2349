package io.tessera.ingest.kinesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.tessera.ingest.support.IngestInstance;
import io.tessera.ingest.support.RegistryTopic;
import io.tessera.ingest.support.TopicTail;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.testsupport.LocalStack;
import io.tessera.testsupport.RealStackTest;
import io.tessera.testsupport.UniqueNames;
import java.math.BigInteger;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.StreamStatus;

/**
 * A view on a real two-shard Kinesis stream (kinesalite), resharded twice while ingest runs (a
 * split, then a merge of the children) and restarted in between: exactly the expected events come
 * out, each once, and each entity's events stay in order across parent and child shards.
 */
@RealStackTest
class KinesisSourceIT {

  private static final long BASE_MS = 1_773_153_445_000L;

  private final String view = UniqueNames.of("kinesis_view");
  private final String stream = UniqueNames.of("stream");
  private final IngestInstance.Topics topics =
      new IngestInstance.Topics(
          UniqueNames.of("defs"), UniqueNames.of("normalized"), UniqueNames.of("dead"));
  private final Map<String, Long> expected = new HashMap<>(); // event id -> n
  private long n;

  private String viewJson() {
    return """
        {"name": "%s", "entity": ["user_id"],
         "source": {"type": "kinesis", "stream": "%s", "region": "us-east-1", "endpoint": "%s"},
         "schema": {"user_id": "string", "n": "long", "ts": "long"},
         "eventTime": {"field": "ts", "format": "epoch_millis"},
         "features": [{"name": "events", "function": "count", "windows": ["1h"]}]}
        """
        .formatted(view, stream, LocalStack.get().endpoints().kinesis());
  }

  @Test
  void readsEveryShardParentsBeforeChildrenAcrossReshardsAndRestarts() throws Exception {
    RegistryTopic registry = new RegistryTopic(topics.registry());
    try (KinesisClient kinesis = LocalStack.get().kinesisClient();
        TopicTail normalized = new TopicTail(topics.normalized());
        TopicTail dead = new TopicTail(topics.deadLetters())) {
      kinesis.createStream(b -> b.streamName(stream).shardCount(2));
      awaitActive(kinesis);
      registry.publishView(viewJson(), 1);
      put(kinesis, 20);

      try (IngestInstance ingest = IngestInstance.start(topics, fastPolling())) {
        normalized.awaitEvents(20);

        Shard first = shards(kinesis).get(0);
        BigInteger start = new BigInteger(first.hashKeyRange().startingHashKey());
        BigInteger end = new BigInteger(first.hashKeyRange().endingHashKey());
        kinesis.splitShard(
            b ->
                b.streamName(stream)
                    .shardToSplit(first.shardId())
                    .newStartingHashKey(start.add(end).shiftRight(1).toString()));
        awaitActive(kinesis);
        put(kinesis, 20);
        normalized.awaitEvents(40);
      }

      // While ingest is down: a restart resumes from the checkpoints in Cassandra.
      put(kinesis, 10);
      PutRecordResponse bad =
          kinesis.putRecord(
              b ->
                  b.streamName(stream)
                      .partitionKey("u1")
                      .data(SdkBytes.fromUtf8String("{\"user_id\": \"u1\", \"n\": 1}")));
      try (IngestInstance ingest = IngestInstance.start(topics, fastPolling())) {
        normalized.awaitEvents(50);
        List<Shard> children =
            shards(kinesis).stream().filter(s -> s.parentShardId() != null).toList();
        assertThat(children).hasSize(2);
        kinesis.mergeShards(
            b ->
                b.streamName(stream)
                    .shardToMerge(children.get(0).shardId())
                    .adjacentShardToMerge(children.get(1).shardId()));
        awaitActive(kinesis);
        put(kinesis, 10);
        normalized.awaitEvents(60);
        List<DeadLetter> letters = dead.awaitLetters(1);
        assertThat(letters)
            .singleElement()
            .satisfies(
                letter -> {
                  assertThat(letter.reason()).isEqualTo("missing_event_time");
                  assertThat(letter.source().kind()).isEqualTo("kinesis");
                  assertThat(letter.source().partition()).isEqualTo(bad.shardId());
                  assertThat(letter.source().position()).isEqualTo(bad.sequenceNumber());
                });
        Thread.sleep(1_000); // anything read twice would show up now

        // Fully read shards (the closed parents no longer count): every normalized partition gets
        // a watermark of the view covering every event published before it.
        long newestMs = BASE_MS + n;
        await()
            .atMost(Duration.ofSeconds(30))
            .until(() -> normalized.partitionsWithWatermark(view, newestMs) == 4);
      }
      // Closing ingest retired its watermarks, so readers need not wait for the publisher expiry.
      assertThat(normalized.watermarks())
          .anySatisfy(w -> assertThat(w.view().equals(view) && w.isRetired()).isTrue());

      List<NormalizedEvent> events = normalized.events();
      assertThat(events.stream().map(NormalizedEvent::eventId)).doesNotHaveDuplicates();
      assertThat(events.stream().map(NormalizedEvent::eventId).collect(Collectors.toSet()))
          .isEqualTo(expected.keySet());
      for (NormalizedEvent event : events) {
        assertThat(event.values().get("n")).isEqualTo(expected.get(event.eventId()));
        assertThat(event.eventTimeMs()).isEqualTo(BASE_MS + expected.get(event.eventId()));
      }
      // One entity's events share a normalized partition; their order there is the put order,
      // which holds only if every parent shard was read to its end before its children.
      Map<String, List<Long>> perUser = new HashMap<>();
      events.forEach(
          e ->
              perUser
                  .computeIfAbsent(e.entityKey(), k -> new ArrayList<>())
                  .add((Long) e.values().get("n")));
      perUser.values().forEach(ns -> assertThat(ns).isSorted());
    }
  }

  private static Map<String, Object> fastPolling() {
    return Map.of(
        "tessera.ingest.kinesis.poll-interval", "100ms",
        "tessera.ingest.kinesis.shard-sync-interval", "500ms");
  }

  private void put(KinesisClient kinesis, int count) {
    for (int i = 0; i < count; i++) {
      long number = ++n;
      String user = "u" + (number % 5);
      PutRecordResponse sent =
          kinesis.putRecord(
              b ->
                  b.streamName(stream)
                      .partitionKey(user)
                      .data(
                          SdkBytes.fromUtf8String(
                              "{\"user_id\": \"%s\", \"n\": %d, \"ts\": %d}"
                                  .formatted(user, number, BASE_MS + number))));
      expected.put(
          "kinesis:" + stream + ":" + sent.shardId() + ":" + sent.sequenceNumber(), number);
    }
  }

  private List<Shard> shards(KinesisClient kinesis) {
    return kinesis.listShards(b -> b.streamName(stream)).shards();
  }

  private void awaitActive(KinesisClient kinesis) {
    await()
        .atMost(Duration.ofSeconds(30))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () ->
                kinesis.describeStream(b -> b.streamName(stream)).streamDescription().streamStatus()
                    == StreamStatus.ACTIVE);
  }
}
