package io.tessera.registry.backfill;

import static org.assertj.core.api.Assertions.assertThat;

import io.tessera.records.backfill.BackfillCommand;
import io.tessera.records.backfill.BackfillCounts;
import io.tessera.records.backfill.BackfillState;
import io.tessera.records.backfill.BackfillStatus;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class KnownBackfillsTest {

  private static final Instant T0 = Instant.parse("2026-11-01T00:00:00Z");

  private final KnownBackfills known = new KnownBackfills();

  @Test
  void aQueuedStatusNeverReplacesALaterState() {
    BackfillStatus queued = queued("a", "v", 1, T0);
    known.put(queued);
    known.put(as(queued, BackfillState.RUNNING));

    known.put(queued); // the registry's own QUEUED, read back after the worker's RUNNING

    assertThat(known.get("v", "a").orElseThrow().state()).isEqualTo(BackfillState.RUNNING);
  }

  @Test
  void everyOtherStatusReplacesTheOneBefore() {
    BackfillStatus queued = queued("a", "v", 1, T0);
    known.put(queued);
    known.put(as(queued, BackfillState.COMPLETED));
    known.put(as(queued, BackfillState.RUNNING)); // a restarted run reports again

    assertThat(known.get("v", "a").orElseThrow().state()).isEqualTo(BackfillState.RUNNING);
  }

  @Test
  void listsAViewsBackfillsNewestRequestFirstAndNoOtherViews() {
    known.put(queued("old", "v", 1, T0));
    known.put(queued("new", "v", 2, T0.plusSeconds(60)));
    known.put(queued("other", "w", 1, T0.plusSeconds(30)));

    assertThat(known.of("v")).extracting(BackfillStatus::id).containsExactly("new", "old");
    assertThat(known.get("w", "old")).isEmpty();
  }

  @Test
  void theActiveBackfillOfAVersionIsTheQueuedOrRunningOne() {
    BackfillStatus done = queued("done", "v", 1, T0);
    known.put(as(done, BackfillState.COMPLETED));
    assertThat(known.active("v", 1)).isEmpty();
    assertThat(known.any("v", 1)).isTrue();
    assertThat(known.any("v", 2)).isFalse();

    known.put(as(queued("again", "v", 1, T0.plusSeconds(5)), BackfillState.RUNNING));

    assertThat(known.active("v", 1)).map(BackfillStatus::id).contains("again");
    assertThat(known.active("v", 2)).isEmpty();
  }

  private static BackfillStatus queued(String id, String view, int version, Instant at) {
    return BackfillStatus.queued(
        new BackfillCommand.Start(id, view, version, null, null, "requested", at));
  }

  private static BackfillStatus as(BackfillStatus status, BackfillState state) {
    return new BackfillStatus(
        status.id(),
        status.view(),
        status.version(),
        state,
        status.fromMs(),
        status.toMs(),
        status.requestedAt(),
        status.updatedAt().plusSeconds(1),
        BackfillCounts.NONE,
        0,
        -1,
        null,
        "worker-1");
  }
}
