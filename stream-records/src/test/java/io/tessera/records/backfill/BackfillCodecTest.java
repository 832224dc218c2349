package io.tessera.records.backfill;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.tessera.records.normalized.MalformedRecordException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class BackfillCodecTest {

  private static final Instant AT = Instant.parse("2026-12-06T10:15:30.123Z");

  @Test
  void commandsRoundTripWithTheirType() {
    BackfillCommand start =
        new BackfillCommand.Start("b-1", "user_txn", 3, 1_000L, null, "requested", AT);
    BackfillCommand cancel = new BackfillCommand.Cancel("b-1", "user_txn", AT);

    assertThat(BackfillCodec.decodeCommand(BackfillCodec.encode(start))).isEqualTo(start);
    assertThat(BackfillCodec.decodeCommand(BackfillCodec.encode(cancel))).isEqualTo(cancel);
    assertThat(new String(BackfillCodec.encode(cancel), StandardCharsets.UTF_8))
        .contains("\"type\":\"cancel\"");
    assertThat(BackfillCodec.key(start)).isEqualTo("user_txn".getBytes(StandardCharsets.UTF_8));
  }

  @Test
  void tasksAndReportsRoundTripKeyedByTheirBackfill() {
    BackfillCommand task =
        new BackfillCommand.Task("b-1", "user_txn", 3, Long.MIN_VALUE, 86_400_000L, 2, 4, AT);
    BackfillReport report =
        new BackfillReport(
            "b-1",
            "scan-7",
            List.of(0, 2),
            BackfillState.COMPLETED,
            new BackfillCounts(10, 1, 1, 8, 0, 3, 3, 8, 0, 8, 2),
            null,
            "worker-1",
            AT);

    assertThat(BackfillCodec.decodeCommand(BackfillCodec.encode(task))).isEqualTo(task);
    assertThat(BackfillCodec.key(task)).isEqualTo("b-1/2".getBytes(StandardCharsets.UTF_8));
    assertThat(BackfillCodec.decodeReport(BackfillCodec.encode(report))).isEqualTo(report);
    assertThat(BackfillCodec.key(report)).isEqualTo("b-1/scan-7".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> BackfillCodec.decodeReport("{}".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(MalformedRecordException.class);
  }

  @Test
  void statusesRoundTrip() {
    BackfillStatus status =
        new BackfillStatus(
            "b-1",
            "user_txn",
            3,
            BackfillState.RUNNING,
            0,
            86_400_000,
            AT,
            AT.plusSeconds(5),
            new BackfillCounts(10, 1, 2, 7, 0, 4, 1, 5, 0, 3, 1),
            1234.5,
            60,
            null,
            "aggregation-1");

    assertThat(BackfillCodec.decodeStatus(BackfillCodec.encode(status))).isEqualTo(status);
    assertThat(status.key()).isEqualTo("view/user_txn/3/b-1");
  }

  @Test
  void aQueuedStatusCoversTheWholeRangeWhenNoneIsGiven() {
    BackfillStatus queued =
        BackfillStatus.queued(
            new BackfillCommand.Start("b-2", "v", 1, null, null, "registered", AT));

    assertThat(queued.state()).isEqualTo(BackfillState.QUEUED);
    assertThat(queued.fromMs()).isEqualTo(Long.MIN_VALUE);
    assertThat(queued.toMs()).isEqualTo(Long.MAX_VALUE);
    assertThat(queued.counts()).isEqualTo(BackfillCounts.NONE);
    assertThat(queued.key()).isEqualTo("view/v/1/b-2/queued");
  }

  @Test
  void garbageIsAMalformedRecord() {
    assertThatThrownBy(() -> BackfillCodec.decodeCommand("{\"type\":\"explode\"}".getBytes()))
        .isInstanceOf(MalformedRecordException.class);
    assertThatThrownBy(() -> BackfillCodec.decodeStatus("nope".getBytes()))
        .isInstanceOf(MalformedRecordException.class);
    assertThatThrownBy(
            () ->
                BackfillCodec.decodeCommand(
                    "{\"type\":\"start\",\"id\":\"x\",\"view\":\"v\",\"version\":0,\"reason\":\"r\",\"requestedAt\":\"2026-01-01T00:00:00Z\"}"
                        .getBytes()))
        .isInstanceOf(MalformedRecordException.class);
  }
}
