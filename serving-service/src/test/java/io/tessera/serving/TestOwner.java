package io.tessera.serving;

import io.tessera.engine.event.Event;
import io.tessera.engine.open.CoarseCloser;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.SealMarker;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.lineage.Lineages;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import io.tessera.testsupport.LocalStack;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The aggregation owner's part, played by a test (the owner is built on another branch), with
 * exactly its protocol: each partition of the normalized topic applied by a {@link PartitionState}
 * in the owner role from its checkpoint; every {@link RecordOutcome.Sealed} written (the rows with
 * their manifests, then the coarse tiles they close, rolled up by a {@link CoarseCloser}), then a
 * {@link SealMarker} produced into the partition, and after a pass the partition's checkpoint. An
 * event of a view version its lineages do not know yet is applied again until they do, as the owner
 * waits for the registry. Remembers the events it applied: the oracle's input.
 */
final class TestOwner implements AutoCloseable {
  /** How long an event of an unknown view version waits for its lineage before the test fails. */
  private static final Duration UNKNOWN_VIEW_WAIT = Duration.ofSeconds(30);

  private final NormalizedTopic topic;
  private final SealedStore store;
  private final KafkaConsumer<byte[], byte[]> consumer;
  private final List<TopicPartition> assigned = new ArrayList<>();
  private final Map<Integer, PartitionState> states = new HashMap<>();
  private final Map<String, CoarseCloser> closers = new HashMap<>();
  private final Map<Integer, Long> markedBeforeMs = new HashMap<>();
  private final Map<String, List<Event>> applied = new LinkedHashMap<>();

  /** An owner of one lineage. */
  TestOwner(NormalizedTopic topic, Lineage lineage, SealedStore store) {
    this(
        topic,
        (view, version) -> view.equals(lineage.view()) ? Optional.of(lineage) : Optional.empty(),
        store);
  }

  /** An owner of every lineage {@code lineages} knows (the registry's, say). */
  TestOwner(NormalizedTopic topic, Lineages lineages, SealedStore store) {
    this.topic = topic;
    this.store = store;
    this.consumer =
        new KafkaConsumer<>(
            LocalStack.get().kafkaProperties(),
            new ByteArrayDeserializer(),
            new ByteArrayDeserializer());
    for (int p = 0; p < topic.partitions; p++) {
      assigned.add(new TopicPartition(topic.name, p));
    }
    consumer.assign(assigned);
    for (int p = 0; p < topic.partitions; p++) {
      var checkpoint = store.readCheckpoint(topic.name, p).toCompletableFuture().join();
      states.put(
          p,
          PartitionState.start(
              topic.name,
              p,
              Role.OWNER,
              lineages,
              RecordLimits.DEFAULT,
              30_000,
              checkpoint,
              OpenStateBudget.unbounded()));
      consumer.seek(assigned.get(p), PartitionState.startOffset(checkpoint));
    }
  }

  /**
   * Applies every record up to the partitions' current ends, writing what seals and marking it,
   * then checkpoints every partition.
   */
  void catchUp() throws Exception {
    Map<TopicPartition, Long> ends = consumer.endOffsets(assigned);
    while (assigned.stream().anyMatch(tp -> consumer.position(tp) < ends.get(tp))) {
      for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
        apply(record.partition(), record.offset(), record.value());
      }
    }
    for (TopicPartition tp : assigned) {
      int p = tp.partition();
      store
          .writeCheckpoint(states.get(p).checkpoint(consumer.position(tp)))
          .toCompletableFuture()
          .join();
    }
  }

  private void apply(int partition, long offset, byte[] value) throws Exception {
    RecordOutcome outcome = states.get(partition).apply(offset, value);
    long deadline = System.nanoTime() + UNKNOWN_VIEW_WAIT.toNanos();
    while (outcome instanceof RecordOutcome.UnknownView unknown) {
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(
            "no lineage of " + unknown.view() + "@" + unknown.viewVersion() + " came");
      }
      Thread.sleep(100);
      outcome = states.get(partition).apply(offset, value);
    }
    if (outcome instanceof RecordOutcome.Applied a) {
      NormalizedEvent e = a.event();
      applied
          .computeIfAbsent(a.storageName(), name -> new ArrayList<>())
          .add(new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), offset, e.values()));
    } else if (outcome instanceof RecordOutcome.Sealed sealed) {
      Lineage lineage = sealed.lineage();
      SealResult result = sealed.result();
      store.writeMinutes(result.minutes()).toCompletableFuture().join();
      store.writeManifests(result.manifests()).toCompletableFuture().join();
      closers
          .computeIfAbsent(
              lineage.storageName() + "/" + partition,
              key -> new CoarseCloser(lineage.aggregator(), topic.name, partition, store))
          .close(result.closes())
          .toCompletableFuture()
          .join();
      topic.send(
          partition,
          new SealMarker(
              lineage.view(),
              lineage.newestVersion(),
              "test-owner",
              result.sealedBeforeMs(),
              result.builtThroughMsByResolution()));
      markedBeforeMs.put(partition, result.sealedBeforeMs());
    }
  }

  /** Every event the owner applied (so every follower applied), in offset order per partition. */
  List<Event> applied() {
    return applied.values().stream().flatMap(List::stream).toList();
  }

  /** The events the owner applied to the lineage stored as {@code storageName}. */
  List<Event> applied(String storageName) {
    return List.copyOf(applied.getOrDefault(storageName, List.of()));
  }

  /** Per partition, the seal point of the last marker the owner wrote. */
  Map<Integer, Long> markedBeforeMs() {
    return Map.copyOf(markedBeforeMs);
  }

  @Override
  public void close() {
    consumer.close();
  }
}
