package io.tessera.streamcore.read;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.event.Event;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.InMemorySealedStore;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.engine.view.ViewSpec;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.partition.PartitionState;
import io.tessera.streamcore.partition.RecordLimits;
import io.tessera.streamcore.partition.RecordOutcome;
import io.tessera.streamcore.partition.Role;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * One entity's events on one partition from {@link #T0} to {@link #END}, a watermark record every
 * minute (ten minutes of lateness), an owner writing each seal and its roll-ups to a counting store
 * and appending its marker; a follower then applies the whole log but the last {@code
 * unreadMarkers} markers. What a follower's read tests read.
 */
public record FollowedLog(CountingSealedStore store, PartitionState follower, List<Event> applied) {
  public static final long MINUTE = TestView.MINUTE_MS;
  public static final long DAY = TestView.DAY_MS;
  public static final long T0 = 20_000 * DAY;
  public static final long END = T0 + 4 * DAY;
  public static final String VIEW = "test_view";
  public static final String ENTITY = "u";
  public static final ViewSpec SPEC = TestView.allFunctions(TileResolutions.DEFAULT);

  /** An event every {@code gapMs} from {@link #T0}. */
  public static FollowedLog everyGap(long gapMs, int unreadMarkers) {
    List<Long> times = new ArrayList<>();
    for (long timeMs = T0; timeMs < END; timeMs += gapMs) {
      times.add(timeMs);
    }
    return of(times, unreadMarkers);
  }

  /** An event at each of {@code timesMs} (ascending, within [T0, END)). */
  public static FollowedLog of(List<Long> timesMs, int unreadMarkers) {
    ViewAggregator aggregator = new ViewAggregator(SPEC);
    Lineage lineage = new Lineage(VIEW, "v", 1, aggregator, 10 * MINUTE);
    CountingSealedStore store = new CountingSealedStore(new InMemorySealedStore());
    Owner owner = new Owner(start(Role.OWNER, lineage), new OwnerWrites(store, aggregator));
    int next = 0;
    for (long minuteMs = T0; minuteMs < END; minuteMs += MINUTE) {
      owner.append(NormalizedRecordCodec.encode(new Watermark("v", 1, "ingest", minuteMs, 0)));
      for (; next < timesMs.size() && timesMs.get(next) < minuteMs + MINUTE; next++) {
        long timeMs = timesMs.get(next);
        Map<String, Object> values =
            Map.of(
                TestView.LONG_COLUMN,
                timeMs % 997,
                TestView.DOUBLE_COLUMN,
                (timeMs % 1013) / 10.0,
                TestView.STRING_COLUMN,
                "c" + timeMs % 5);
        owner.append(
            NormalizedRecordCodec.encode(
                new NormalizedEvent("v", 1, ENTITY, timeMs, "e" + timeMs, timeMs, values)));
      }
    }
    List<Integer> markers = owner.markers;
    Set<Integer> unread =
        new HashSet<>(markers.subList(Math.max(0, markers.size() - unreadMarkers), markers.size()));
    PartitionState follower = start(Role.FOLLOWER, lineage);
    List<Event> applied = new ArrayList<>();
    for (int offset = 0; offset < owner.log.size(); offset++) {
      if (!unread.contains(offset)
          && follower.apply(offset, owner.log.get(offset)) instanceof RecordOutcome.Applied done) {
        NormalizedEvent e = done.event();
        applied.add(new Event(e.entityKey(), e.eventTimeMs(), e.eventId(), offset, e.values()));
      }
    }
    return new FollowedLog(store, follower, applied);
  }

  /** The owner: applies each record as it is appended, writes its seals, appends markers. */
  private record Owner(
      PartitionState state, OwnerWrites writes, List<byte[]> log, List<Integer> markers) {
    Owner(PartitionState state, OwnerWrites writes) {
      this(state, writes, new ArrayList<>(), new ArrayList<>());
    }

    void append(byte[] record) {
      log.add(record);
      if (state.apply(log.size() - 1, record) instanceof RecordOutcome.Sealed sealed) {
        writes.write(sealed.result());
        markers.add(log.size());
        append(
            NormalizedRecordCodec.encode(
                new SealMarker(
                    "v",
                    1,
                    "owner",
                    sealed.result().sealedBeforeMs(),
                    sealed.result().builtThroughMsByResolution())));
      }
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
