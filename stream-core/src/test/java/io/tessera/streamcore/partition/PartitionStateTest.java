package io.tessera.streamcore.partition;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.definitions.window.TileResolutions;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.testing.TestView;
import io.tessera.engine.view.ViewAggregator;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.lineage.Lineages;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PartitionStateTest {
  private static final long MINUTE = 60_000;
  private static final long T0 = 1_780_000_020_000L - 1_780_000_020_000L % (24 * 60 * MINUTE);
  private static final long LATENESS = MINUTE;

  private final Lineage lineage =
      new Lineage(
          "test_view",
          "v",
          1,
          new ViewAggregator(TestView.allFunctions(TileResolutions.DEFAULT)),
          LATENESS);

  private PartitionState state(Role role, Optional<PartitionCheckpoint> from) {
    return PartitionState.start(
        "topic",
        0,
        role,
        (view, version) -> view.equals("v") ? Optional.of(lineage) : Optional.empty(),
        new RecordLimits(4_096, 64),
        30_000,
        from,
        OpenStateBudget.unbounded());
  }

  private static byte[] event(String entity, long timeMs, String id) {
    return NormalizedRecordCodec.encode(
        new NormalizedEvent("v", 1, entity, timeMs, id, timeMs, Map.of("amount", 1L)));
  }

  private static byte[] watermark(long timeMs) {
    return NormalizedRecordCodec.encode(new Watermark("v", 1, "ingest", timeMs, timeMs));
  }

  @Test
  void aReplicaRestoredWithNothingLeftToReplayReadsTheCheckpointsDurableProgress() {
    PartitionState owner = state(Role.OWNER, Optional.empty());
    owner.apply(0, event("u", T0, "e1"));
    owner.apply(1, watermark(T0 + 10 * MINUTE));
    PartitionCheckpoint checkpoint = owner.checkpoint(2);
    assertThat(checkpoint.nextOffset()).as("nothing open").isEqualTo(2);

    PartitionState follower = state(Role.FOLLOWER, Optional.of(checkpoint));

    long sealedBeforeMs = T0 + 9 * MINUTE;
    assertThat(follower.durable("test_view").sealedBeforeMs()).isEqualTo(sealedBeforeMs);
    assertThat(follower.watermarkMs("test_view"))
        .as("how far its data reaches: the checkpoint's watermark, not unknown (stale)")
        .isEqualTo(T0 + 10 * MINUTE);
    assertThat(follower.fold("test_view", "u", T0, T0 + MINUTE, lineage.aggregator().init()))
        .isEqualTo(follower.durable("test_view"));
  }

  @Test
  void aWatermarkSealsWithTheLatenessOfItsOwnVersionWhicheverVersionCreatedTheState() {
    // version 2 of the lineage allows 5 minutes; a replica's state may be created by either
    Lineage second = new Lineage(lineage.storageName(), "v", 2, lineage.aggregator(), 5 * MINUTE);
    Lineages both = (view, version) -> Optional.of(version == 1 ? lineage : second);
    PartitionState firstSeen = versioned(both);
    PartitionState secondSeen = versioned(both);
    firstSeen.apply(0, event("u", T0, "e1", 1));
    secondSeen.apply(0, event("u", T0, "e1", 2));

    for (PartitionState replica : List.of(firstSeen, secondSeen)) {
      assertThat(replica.apply(1, watermark(T0 + 2 * MINUTE, 2)))
          .as("version 2's record: T0+2m - 5m seals nothing")
          .isInstanceOf(RecordOutcome.Skipped.class);
      assertThat(replica.apply(2, watermark(T0 + 2 * MINUTE, 1)))
          .as("version 1's record: T0+2m - 1m seals the first minute")
          .isInstanceOf(RecordOutcome.Sealed.class);
    }
  }

  private static PartitionState versioned(Lineages lineages) {
    return PartitionState.start(
        "topic",
        0,
        Role.OWNER,
        lineages,
        RecordLimits.DEFAULT,
        30_000,
        Optional.empty(),
        OpenStateBudget.unbounded());
  }

  private static byte[] event(String entity, long timeMs, String id, int version) {
    return NormalizedRecordCodec.encode(
        new NormalizedEvent("v", version, entity, timeMs, id, timeMs, Map.of("amount", 1L)));
  }

  private static byte[] watermark(long timeMs, int version) {
    return NormalizedRecordCodec.encode(new Watermark("v", version, "ingest", timeMs, timeMs));
  }

  @Test
  void aLineageWhoseStreamStartsAtItsBackfillsEndLeavesEarlierEventsToTheBackfill() {
    long streamFromMs = T0; // a day boundary: the view's coarsest tiles are days
    Lineage backfilled =
        new Lineage(lineage.storageName(), "v", 1, lineage.aggregator(), LATENESS, streamFromMs);
    for (Role role : Role.values()) {
      PartitionState replica =
          PartitionState.start(
              "topic",
              0,
              role,
              (view, version) -> Optional.of(backfilled),
              RecordLimits.DEFAULT,
              30_000,
              Optional.empty(),
              OpenStateBudget.unbounded());

      assertThat(replica.durable("test_view").sealedBeforeMs())
          .as("before any record of the lineage reaches the partition: the backfilled history")
          .isEqualTo(streamFromMs);
      assertThat(replica.apply(0, event("u", T0 - 1, "e1")))
          .as("the stream's retained history before its start: the backfill's, no dead letter")
          .isInstanceOf(RecordOutcome.Backfilled.class);
      assertThat(replica.apply(1, event("u", T0, "e2"))).isInstanceOf(RecordOutcome.Applied.class);
      assertThat(replica.durable("test_view").sealedBeforeMs())
          .as("reads take everything before the start from the store, where the backfill wrote it")
          .isEqualTo(streamFromMs);
      Ir[] memory = lineage.aggregator().init();
      replica.fold("test_view", "u", T0 - MINUTE, T0 + MINUTE, memory);
      assertThat(memory[0].newestEventTimeMs())
          .as("memory holds only the stream's event")
          .isEqualTo(T0);
      assertThat(replica.apply(2, watermark(T0 + 2 * MINUTE)))
          .isInstanceOf(RecordOutcome.Sealed.class);
      assertThat(replica.checkpoint(3).views().get(0).sealedBeforeMs()).isEqualTo(T0 + MINUTE);
    }
  }

  @Test
  void appliesAnEventOnceAndRefusesItsRedelivery() {
    PartitionState state = state(Role.OWNER, Optional.empty());

    assertThat(state.apply(0, event("u", T0, "e1"))).isInstanceOf(RecordOutcome.Applied.class);
    assertThat(state.apply(1, event("u", T0, "e1"))).isInstanceOf(RecordOutcome.Duplicate.class);
  }

  @Test
  void sealsAMinuteWhenTheViewsWatermarkPassesItsEndPlusTheLateness() {
    PartitionState state = state(Role.OWNER, Optional.empty());
    state.apply(0, event("u", T0 + 5, "e1"));

    assertThat(state.apply(1, watermark(T0 + MINUTE + LATENESS - 1)))
        .isInstanceOf(RecordOutcome.Skipped.class);
    RecordOutcome sealed = state.apply(2, watermark(T0 + MINUTE + LATENESS));

    assertThat(sealed).isInstanceOf(RecordOutcome.Sealed.class);
    assertThat(((RecordOutcome.Sealed) sealed).result().minutes()).hasSize(1);
    assertThat(state.apply(3, event("u", T0 + 6, "e2"))).isInstanceOf(RecordOutcome.TooLate.class);
  }

  @Test
  void poisonRecordsAreNamedWithTheirReasonAndChangeNothing() {
    PartitionState state = state(Role.OWNER, Optional.empty());

    assertThat(state.apply(0, new byte[] {9, 9, 9}))
        .extracting(o -> ((RecordOutcome.Poison) o).reason())
        .isEqualTo(DeadLetterReason.MALFORMED_PAYLOAD);
    assertThat(state.apply(1, new byte[5_000]))
        .extracting(o -> ((RecordOutcome.Poison) o).reason())
        .isEqualTo(DeadLetterReason.TOO_LARGE);
    assertThat(state.apply(2, event("k".repeat(65), T0, "e1")))
        .extracting(o -> ((RecordOutcome.Poison) o).reason())
        .isEqualTo(DeadLetterReason.TOO_LARGE);
    // the limit counts UTF-8 bytes: 22 three-byte characters are 66 of them, 21 are 63
    assertThat(state.apply(3, event("\u20ac".repeat(22), T0, "e1")))
        .extracting(o -> ((RecordOutcome.Poison) o).detail())
        .isEqualTo("entity key of 66 bytes exceeds the limit of 64");
    assertThat(state.apply(4, event("\u20ac".repeat(21), T0, "e1")))
        .isInstanceOf(RecordOutcome.Applied.class);
    assertThat(state.apply(5, event("u", T0, "e1"))).isInstanceOf(RecordOutcome.Applied.class);
  }

  @Test
  void anEventOfAnUnknownViewChangesNothingSoItCanBeAppliedAgainLater() {
    PartitionState state = state(Role.OWNER, Optional.empty());
    byte[] unknown =
        NormalizedRecordCodec.encode(new NormalizedEvent("other", 1, "u", T0, "e1", T0, Map.of()));

    assertThat(state.apply(0, unknown)).isEqualTo(new RecordOutcome.UnknownView("other", 1));
    assertThat(state.checkpoint(1).views()).isEmpty();
  }

  @Test
  void aTakeOverReplaysSilentlyWhatThePreviousOwnerHandledAndReportsWhatIsNew() {
    PartitionState first = state(Role.OWNER, Optional.empty());
    first.apply(0, event("u", T0, "e1"));
    first.apply(1, watermark(T0 + 5 * MINUTE));
    first.apply(2, event("u", T0 + 1, "late-before")); // reported by the first owner
    PartitionCheckpoint checkpoint = first.checkpoint(3);
    // No finest tile is open, so the replay starts at the position. The hour and day are still
    // open, but the entities they roll up are in the manifests written with the sealed minute
    // (see io.tessera.engine.open): nothing before the checkpoint has to be read again.
    assertThat(checkpoint.nextOffset()).isEqualTo(3);

    PartitionState second = state(Role.OWNER, Optional.of(checkpoint));
    PartitionState fromOlder =
        state(
            Role.OWNER, Optional.of(new PartitionCheckpoint("topic", 0, 2, 3, checkpoint.views())));

    assertThat(fromOlder.apply(2, event("u", T0 + 1, "late-before")))
        .isInstanceOf(RecordOutcome.Replayed.class);
    assertThat(second.apply(3, event("u", T0 + 2, "late-after")))
        .isInstanceOf(RecordOutcome.TooLate.class);
  }

  @Test
  void aFollowerReadsSealedMinutesFromMemoryUntilTheMarkerAfterTheOneThatMadeThemDurable() {
    PartitionState follower = state(Role.FOLLOWER, Optional.empty());
    follower.apply(0, event("u", T0 + 5, "e1"));
    follower.apply(1, watermark(T0 + 5 * MINUTE));
    var states = lineage.aggregator().init();

    DurableProgress before = follower.fold("test_view", "u", T0, T0 + 10 * MINUTE, states);
    long bytesBefore = follower.estimatedBytes();

    assertThat(before.sealedBeforeMs()).isEqualTo(Long.MIN_VALUE);
    assertThat(lineage.aggregator().finish(0, states[0])).isEqualTo(1L);

    follower.apply(2, marker(T0 + 4 * MINUTE));
    var held = lineage.aggregator().init();
    DurableProgress heldBack = follower.fold("test_view", "u", T0, T0 + 10 * MINUTE, held);

    // the owner's write burst of that seal may still load the node: memory answers a while longer
    assertThat(heldBack.sealedBeforeMs()).isEqualTo(Long.MIN_VALUE);
    assertThat(lineage.aggregator().finish(0, held[0])).isEqualTo(1L);

    follower.apply(3, watermark(T0 + 6 * MINUTE));
    follower.apply(4, marker(T0 + 5 * MINUTE));
    var after = lineage.aggregator().init();
    DurableProgress durable = follower.fold("test_view", "u", T0, T0 + 10 * MINUTE, after);

    assertThat(durable.sealedBeforeMs()).isEqualTo(T0 + 4 * MINUTE);
    assertThat(lineage.aggregator().finish(0, after[0])).isEqualTo(0L); // the store has it now
    assertThat(follower.estimatedBytes()).isLessThan(bytesBefore);
  }

  @Test
  void aHeldBackMarkerSettlesAtTheSecondSettleCallWhenNoNextMarkerComes() {
    PartitionState follower = state(Role.FOLLOWER, Optional.empty());
    follower.apply(0, event("u", T0 + 5, "e1"));
    follower.apply(1, watermark(T0 + 5 * MINUTE));
    follower.apply(2, marker(T0 + 4 * MINUTE));
    long bytesHeld = follower.estimatedBytes();

    follower.settleMarkers(); // sees the held-back marker: it may be only just in
    var held = lineage.aggregator().init();
    assertThat(follower.fold("test_view", "u", T0, T0 + 10 * MINUTE, held).sealedBeforeMs())
        .isEqualTo(Long.MIN_VALUE);
    assertThat(lineage.aggregator().finish(0, held[0])).isEqualTo(1L);

    follower.settleMarkers(); // a whole settle period later: the store answers for it
    var settled = lineage.aggregator().init();
    assertThat(follower.fold("test_view", "u", T0, T0 + 10 * MINUTE, settled).sealedBeforeMs())
        .isEqualTo(T0 + 4 * MINUTE);
    assertThat(lineage.aggregator().finish(0, settled[0])).isEqualTo(0L);
    assertThat(follower.estimatedBytes()).isLessThan(bytesHeld);

    // a later marker is held back afresh, and the settled one is no read cut twice
    follower.apply(3, watermark(T0 + 7 * MINUTE));
    follower.apply(4, marker(T0 + 6 * MINUTE));
    follower.settleMarkers();
    assertThat(follower.durable("test_view").sealedBeforeMs()).isEqualTo(T0 + 4 * MINUTE);
    follower.settleMarkers();
    assertThat(follower.durable("test_view").sealedBeforeMs()).isEqualTo(T0 + 6 * MINUTE);
  }

  private static byte[] marker(long sealedBeforeMs) {
    return NormalizedRecordCodec.encode(new SealMarker("v", 1, "owner", sealedBeforeMs, Map.of()));
  }
}
