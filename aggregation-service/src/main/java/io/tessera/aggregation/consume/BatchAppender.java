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
import io.tessera.records.normalized.NormalizedRecord;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import io.tessera.storage.CassandraTileStore;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
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
 * return the offsets that are now safe to commit and the watermark records to apply after them.
 *
 * <p>No record stops a partition: an undecodable record, an oversized one or one with an oversized
 * entity key (which the store would refuse, batch after batch) is dead-lettered with its reason; a
 * record of a view version the registry does not know waits {@code unknownViewWait} (the registry
 * may deliver the view a moment after ingest used it), then is dead-lettered {@code unknown_view}.
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
  private final Limits limits;
  private final Map<TopicPartition, Blocked> blocked = new HashMap<>();

  /**
   * What a record may be before it is dead-lettered rather than applied.
   *
   * @param unknownViewWait how long a record of an unknown view version waits for the registry
   * @param maxEntityKeyBytes the longest entity key (UTF-8) the store is asked to hold
   * @param maxEventBytes the largest normalized record applied
   */
  public record Limits(Duration unknownViewWait, int maxEntityKeyBytes, int maxEventBytes) {}

  /**
   * The offsets to commit, per partition the offset of a record whose view is unknown, and the
   * watermark records of the applied part of the batch, in order.
   */
  public record Outcome(
      Map<TopicPartition, OffsetAndMetadata> commit,
      Map<TopicPartition, Long> blockedAt,
      List<PartitionWatermark> watermarks) {}

  /** A watermark record of a partition, with the tile lineage its view version belongs to. */
  public record PartitionWatermark(int partition, Watermark record, String storageName) {}

  /** Where a partition waits for the registry: the record's offset and since when. */
  private record Blocked(long offset, long sinceMs) {}

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
      InstantSource clock,
      Limits limits) {
    this.store = store;
    this.views = views;
    this.states = states;
    this.compaction = compaction;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.clock = clock;
    this.limits = limits;
  }

  public Outcome process(ConsumerRecords<byte[], byte[]> records) {
    Map<TopicPartition, OffsetAndMetadata> commit = new HashMap<>();
    Map<TopicPartition, Long> blockedAt = new HashMap<>();
    List<CompletableFuture<?>> writes = new ArrayList<>();
    Map<ConsumerRecord<byte[], byte[]>, NormalizedEvent> decodedEvents = new LinkedHashMap<>();
    Map<EntityRef, Integer> entities = new LinkedHashMap<>();
    List<PartitionWatermark> watermarks = new ArrayList<>();
    for (TopicPartition partition : records.partitions()) {
      for (ConsumerRecord<byte[], byte[]> record : records.records(partition)) {
        NormalizedRecord decoded;
        try {
          decoded = decode(record);
        } catch (MalformedRecordException | IllegalArgumentException e) {
          writes.add(deadLetters.send(letter(record, reasonOf(e), e.getMessage(), "", 0)));
          commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
          continue;
        }
        if (decoded instanceof SealMarker) {
          commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
          continue; // for followers: this service wrote the rows it announces
        }
        if (!views.knows(decoded.view(), decoded.viewVersion())) {
          if (decoded instanceof Watermark) {
            commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
            continue; // the next one follows within a second, once the registry knows the view
          }
          if (waitForRegistry(partition, record)) {
            blockedAt.put(partition, record.offset()); // read again once the registry knows it
            break;
          }
          writes.add(deadLetters.send(unknownView(record, decoded)));
          commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
          continue;
        }
        blocked.remove(partition);
        String storageName = views.storageName(decoded.view(), decoded.viewVersion());
        commit.put(partition, new OffsetAndMetadata(record.offset() + 1));
        if (decoded instanceof Watermark watermark) {
          watermarks.add(new PartitionWatermark(partition.partition(), watermark, storageName));
          continue;
        }
        NormalizedEvent event = (NormalizedEvent) decoded;
        decodedEvents.put(record, event);
        entities.put(new EntityRef(storageName, event.entityKey()), partition.partition());
      }
    }
    states.ensureLoaded(entities);

    List<Item> items = classify(decodedEvents);
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
    return new Outcome(commit, blockedAt, watermarks);
  }

  /**
   * Decodes one record, refusing what must not reach the store.
   *
   * @throws RecordTooLargeException for an oversized record or entity key
   * @throws MalformedRecordException for bytes that are no normalized record
   */
  private NormalizedRecord decode(ConsumerRecord<byte[], byte[]> record) {
    byte[] value = record.value();
    if (value != null && value.length > limits.maxEventBytes()) {
      throw new RecordTooLargeException(
          "normalized record of "
              + value.length
              + " bytes exceeds the limit of "
              + limits.maxEventBytes());
    }
    NormalizedRecord decoded = NormalizedRecordCodec.decode(value);
    if (decoded instanceof NormalizedEvent event) {
      int keyBytes = event.entityKey().getBytes(StandardCharsets.UTF_8).length;
      if (keyBytes > limits.maxEntityKeyBytes()) {
        throw new RecordTooLargeException(
            "entity key of "
                + keyBytes
                + " bytes exceeds the limit of "
                + limits.maxEntityKeyBytes());
      }
    }
    return decoded;
  }

  private static DeadLetterReason reasonOf(RuntimeException e) {
    return e instanceof RecordTooLargeException
        ? DeadLetterReason.TOO_LARGE
        : DeadLetterReason.MALFORMED_PAYLOAD;
  }

  /** Whether the record should wait for the registry rather than become a dead letter now. */
  private boolean waitForRegistry(TopicPartition partition, ConsumerRecord<byte[], byte[]> record) {
    long nowMs = clock.millis();
    Blocked since = blocked.get(partition);
    if (since == null || since.offset() != record.offset()) {
      blocked.put(partition, new Blocked(record.offset(), nowMs));
      return true;
    }
    if (nowMs - since.sinceMs() < limits.unknownViewWait().toMillis()) {
      return true;
    }
    blocked.remove(partition);
    return false;
  }

  private DeadLetter unknownView(ConsumerRecord<byte[], byte[]> record, NormalizedRecord decoded) {
    metrics.event(decoded.view(), "unknown_view");
    return letter(
        record,
        DeadLetterReason.UNKNOWN_VIEW,
        "the registry has not delivered version "
            + decoded.viewVersion()
            + " of view "
            + decoded.view()
            + " within "
            + limits.unknownViewWait(),
        decoded.view(),
        decoded.viewVersion());
  }

  /** A record the store must not be asked to hold. */
  private static final class RecordTooLargeException extends IllegalArgumentException {
    RecordTooLargeException(String message) {
      super(message);
    }
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
