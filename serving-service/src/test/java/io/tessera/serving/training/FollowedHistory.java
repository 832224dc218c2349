package io.tessera.serving.training;

import io.tessera.definitions.view.FeatureView;
import io.tessera.definitions.window.WindowSpec;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.plan.SealedWindowCache;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.view.FeatureSpec;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpecs;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecord;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import io.tessera.serving.follow.FollowedPartitions;
import io.tessera.serving.follow.FollowerViewReads;
import io.tessera.serving.online.ViewPlan;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import io.tessera.streamcore.read.OwnerWrites;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * Many entities' events of one view on one partition, as the streaming core leaves them: an owner
 * applies the log (a watermark every minute), writes each seal and its roll-ups to an in-memory
 * store and appends its marker; a follower applies the whole log. What a sweep reads, without Kafka
 * or Cassandra: the sweep's benchmark harness and its property test build on it.
 *
 * @param view the view version the events belong to
 * @param store the sealed rows and tiles the owner wrote
 * @param follower the follower's state of the one partition
 * @param events every event applied, in log order
 */
record FollowedHistory(
    ViewPlan view, SealedStore store, PartitionState follower, List<Event> events) {

  static final long MINUTE_MS = 60_000L;

  /** How late an event may be: the owner seals a minute ten minutes after its end. */
  static final long LATENESS_MS = 10 * MINUTE_MS;

  /**
   * Applies {@code events} (any order; sorted here by time) with watermarks every minute from the
   * first event's minute until {@code untilMs}, so everything before {@code untilMs - LATENESS_MS}
   * is sealed and durable.
   */
  static FollowedHistory of(FeatureView definition, List<Event> events, long untilMs) {
    ViewPlan view =
        new ViewPlan(definition.name(), 1, definition, "s1", ViewSpecs.of(definition, "s1"));
    ViewAggregator aggregator = new ViewAggregator(view.spec());
    Lineage lineage = new Lineage("s1", definition.name(), 1, aggregator, LATENESS_MS);
    SealedStore store = new InMemorySealedStore();
    OwnerWrites writes = new OwnerWrites(store, aggregator);
    PartitionState owner = start(Role.OWNER, lineage);
    List<byte[]> log = new ArrayList<>();
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparingLong(Event::eventTimeMs));
    long firstMs = sorted.isEmpty() ? untilMs : sorted.get(0).eventTimeMs();
    int next = 0;
    for (long minuteMs = firstMs - firstMs % MINUTE_MS; minuteMs < untilMs; minuteMs += MINUTE_MS) {
      append(log, owner, writes, new Watermark(definition.name(), 1, "ingest", minuteMs, 0));
      for (;
          next < sorted.size() && sorted.get(next).eventTimeMs() < minuteMs + MINUTE_MS;
          next++) {
        Event event = sorted.get(next);
        append(
            log,
            owner,
            writes,
            new NormalizedEvent(
                definition.name(),
                1,
                event.entityKey(),
                event.eventTimeMs(),
                event.eventId(),
                event.eventTimeMs(),
                event.values()));
      }
    }
    PartitionState follower = start(Role.FOLLOWER, lineage);
    List<Event> applied = new ArrayList<>();
    for (int offset = 0; offset < log.size(); offset++) {
      if (follower.apply(offset, log.get(offset)) instanceof RecordOutcome.Applied done) {
        NormalizedEvent e = done.event();
        applied.add(new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), offset, e.values()));
      }
    }
    return new FollowedHistory(view, store, follower, applied);
  }

  /** Serving's reads over this history, with {@code cache} for merged sealed spans. */
  FollowerViewReads reads(SealedWindowCache cache) {
    PartitionState state = follower;
    FollowedPartitions partitions =
        new FollowedPartitions() {
          @Override
          public int partitions() {
            return 1;
          }

          @Override
          public Optional<PartitionState> partition(int partition) {
            return partition == 0 ? Optional.of(state) : Optional.empty();
          }

          @Override
          public String topic() {
            return "normalized";
          }
        };
    return new FollowerViewReads(partitions, store, cache, 0L);
  }

  /** Every feature at every window, in the view's order: a feature service of the whole view. */
  List<FeatureColumn> columns() {
    List<FeatureColumn> columns = new ArrayList<>();
    for (FeatureSpec feature : view.spec().features()) {
      for (WindowSpec window : feature.windows()) {
        columns.add(
            new FeatureColumn(
                view.view() + ":" + feature.name() + ":" + window,
                view,
                feature.name(),
                window,
                FeatureColumn.sqlType(feature.kind(), feature.inputType())));
      }
    }
    return columns;
  }

  /** Applies one record as the owner; a seal is written, then its marker appended. */
  private static void append(
      List<byte[]> log, PartitionState owner, OwnerWrites writes, NormalizedRecord record) {
    byte[] bytes = NormalizedRecordCodec.encode(record);
    log.add(bytes);
    if (owner.apply(log.size() - 1, bytes) instanceof RecordOutcome.Sealed sealed) {
      writes.write(sealed.result());
      append(
          log,
          owner,
          writes,
          new SealMarker(
              record.view(),
              1,
              "owner",
              sealed.result().sealedBeforeMs(),
              sealed.result().builtThroughMsByResolution()));
    }
  }

  private static PartitionState start(Role role, Lineage lineage) {
    return PartitionState.start(
        "normalized",
        0,
        role,
        (view, version) -> Optional.of(lineage),
        RecordLimits.DEFAULT,
        30_000,
        Optional.empty(),
        OpenStateBudget.unbounded());
  }
}
