package io.tessera.aggregation.consume;

import io.tessera.aggregation.metrics.AggregationMetrics;
import io.tessera.aggregation.views.ViewCatalog;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.records.deadletter.DeadLetter;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.deadletter.SourcePosition;
import io.tessera.records.normalized.MalformedRecordException;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedEventCodec;
import io.tessera.storage.CassandraTileStore;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * One poll's records, start to acknowledgement: decode, wait for unknown views, de-duplicate by
 * event id, reject too-late events to the dead-letter topic, hand the rest to compaction to absorb
 * into tiles (per entity the log rows, then the tiles; asynchronous, all entities in parallel), and
 * return the offsets that are now safe to commit.
 *
 * <p>De-duplication is from memory for recent event times (the entity's {@link EntityState} ids,
 * loaded from the store when the entity is first seen) and by a point read of the log for older
 * ones. It is exact because this instance is the only writer of the entities of its partitions.
 */
public final class BatchAppender {
  private final CassandraTileStore store;
  private final ViewCatalog views;
  private final EntityStates states;
  private final Compaction compaction;
  private final DeadLetterPublisher deadLetters;
  private final AggregationMetrics metrics;
  private final InstantSource clock;

  /** The offsets to commit, and per partition the offset of a record whose view is unknown. */
  public record Outcome(
      Map<TopicPartition, OffsetAndMetadata> commit, Map<TopicPartition, Long> blockedAt) {}

  private enum Verdict {
    APPEND,
    DUPLICATE,
    CHECK_LATE,
    CHECK_TOO_LATE
  }

  private record Item(
      ConsumerRecord<byte[], byte[]> record,
      NormalizedEvent event,
      EntityState state,
      Verdict verdict,
      CompletableFuture<Boolean> inLog) {}

  public BatchAppender(
      CassandraTileStore store,
      ViewCatalog views,
      EntityStates states,
      Compaction compaction,
      DeadLetterPublisher deadLetters,
      AggregationMetrics metrics,
      InstantSource clock) {
    this.store = store;
    this.views = views;
    this.states = states;
    this.compaction = compaction;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
  }

  public Outcome process(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    Map<TopicPartition, Long> blockedAt = new HashMap<>();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    Map<ConsumerRecord<byte[], byte[]>, NormalizedEvent> decoded = new LinkedHashMap<>();
    Map<EntityRef, Integer> entities = new LinkedHashMap<>();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        NormalizedEvent event;
        try {
          event = NormalizedEventCodec.decode(record.value());
        } catch (MalformedRecordException | IllegalArgumentException e) {
          writes.add(
              deadLetters.send(
                  letter(record, DeadLetterReason.MALFORMED_PAYLOAD, e.getMessage(), "", 0)));
          commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
          continue;
        }
        if (!views.knows(event.view(), event.viewVersion())) {
          blockedAt.put(partition, record.offset()); // read again once the registry knows it
          break;
        }
        decoded.put(record, event);
        entities.put(
            new EntityRef(views.storageName(event.view(), event.viewVersion()), event.entityKey()),
            partition.partition());
        commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
      }
    }
    states.ensureLoaded(entities);

    List<Item> items = classify(decoded);
    Map<EntityState, List<Event>> appends = new LinkedHashMap<>();
    List<Item> applied = new ArrayList<>();
    for (Item item : items) {
      boolean inLog = item.inLog() != null && item.inLog().join();
      Verdict verdict = item.verdict();
      if (verdict == Verdict.DUPLICATE || inLog) {
        metrics.event(item.event().view(), "duplicate");
      } else if (verdict == Verdict.CHECK_TOO_LATE) {
        metrics.event(item.event().view(), "too_late");
        writes.add(deadLetters.send(tooLate(item)));
      } else {
        appends.computeIfAbsent(item.state(), s -> new ArrayList<>()).add(toEvent(item));
        applied.add(item);
      }
    }
    long startNs = System.nanoTime();
    writes.add(compaction.absorb(appends, clock.millis()));
    CompletableFuture.allOf(writes.toArray(CompletableFuture[]::new)).join();
    metrics.appendWrite(System.nanoTime() - startNs);

    long nowMs = clock.millis();
    for (Item item : applied) {
      metrics.event(item.event().view(), "applied");
      metrics.freshness(item.event().view(), nowMs - item.record().timestamp());
    }
    return new Outcome(commit, blockedAt);
  }

  /** In record order per entity, so a duplicate inside the batch is caught by the first copy. */
  private List<Item> classify(Map<ConsumerRecord<byte[], byte[]>, NormalizedEvent> decoded) {
    List<Item> items = new ArrayList<>(decoded.size());
    decoded.forEach(
        (record, event) -> {
          EntityState state =
              states.get(
                  new EntityRef(
                      views.storageName(event.view(), event.viewVersion()), event.entityKey()));
          long timeMs = event.eventTimeMs();
          Verdict verdict;
          if (state.eventTimesById.containsKey(event.eventId())) {
            verdict = Verdict.DUPLICATE;
          } else if (state.meta().isTooLate(timeMs)) {
            verdict = Verdict.CHECK_TOO_LATE; // a redelivery of an applied event is no dead letter
          } else if (timeMs < state.idsFromMs) {
            verdict = Verdict.CHECK_LATE;
          } else {
            verdict = Verdict.APPEND;
          }
          CompletableFuture<Boolean> inLog =
              verdict == Verdict.CHECK_LATE || verdict == Verdict.CHECK_TOO_LATE
                  ? store.containsEvent(state.entity, timeMs, event.eventId()).toCompletableFuture()
                  : null;
          if (verdict != Verdict.DUPLICATE) {
            state.eventTimesById.put(event.eventId(), timeMs);
            state.newestEventTimeMs = Math.max(state.newestEventTimeMs, timeMs);
          }
          items.add(new Item(record, event, state, verdict, inLog));
        });
    return items;
  }

  private static Event toEvent(Item item) {
    NormalizedEvent event = item.event();
    return new Event(
        event.entityKey(),
        event.eventTimeMs(),
        event.eventId(),
        item.record().offset(),
        event.values());
  }

  private DeadLetter tooLate(Item item) {
    NormalizedEvent event = item.event();
    String detail =
        "event time "
            + event.eventTimeMs()
            + " is before the sealed time "
            + item.state().meta().sealedBeforeMs()
            + " (allowed lateness passed); backfill heals sealed history";
    return letter(
        item.record(), DeadLetterReason.TOO_LATE, detail, event.view(), event.viewVersion());
  }

  private DeadLetter letter(
      ConsumerRecord<byte[], byte[]> record,
      DeadLetterReason reason,
      String detail,
      String view,
      int version) {
    SourcePosition position =
        new SourcePosition(
            "normalized",
            record.topic(),
            Integer.toString(record.partition()),
            Long.toString(record.offset()));
    return DeadLetter.of(
        reason, detail, view, Math.max(1, version), position, clock.millis(), record.value());
  }
}
