package io.tessera.engine.open;

import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.ViewProgress;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.List;

/**
 * Drives an {@link OpenState} the way the aggregation owner does: events are applied, watermark
 * records advance the state and their writes go to {@link SealedRows} (synchronously, so a
 * checkpoint taken right after is durable), and a takeover restores from the last checkpoint and
 * replays from its offset.
 */
final class Owner {
  static final String VIEW = "test_view";

  /**
   * A partition checkpoint of one view.
   *
   * @param progress the view's progress
   * @param nextOffset where a replay starts
   */
  record Checkpoint(ViewProgress progress, long nextOffset) {}

  private final ViewAggregator aggregator;
  private final long latenessMs;
  private final SealedRows rows;
  private final OpenStateBudget budget;
  private final List<Event> applied = new ArrayList<>();
  private OpenState state;
  private long position;

  Owner(ViewAggregator aggregator, long latenessMs, SealedRows rows) {
    this(aggregator, latenessMs, rows, OpenStateBudget.unbounded());
  }

  /** An owner whose open state holds its events within {@code budget}. */
  Owner(ViewAggregator aggregator, long latenessMs, SealedRows rows, OpenStateBudget budget) {
    this.aggregator = aggregator;
    this.latenessMs = latenessMs;
    this.rows = rows;
    this.budget = budget;
    this.state =
        OpenState.empty(aggregator, latenessMs, SealedRows.TOPIC, SealedRows.PARTITION, budget);
  }

  /** Applies the record at the current position and moves past it. */
  ApplyResult process(LogRecord record) {
    if (record.offset() != position) {
      throw new IllegalStateException("record " + record.offset() + " at position " + position);
    }
    position++;
    if (record instanceof LogRecord.EventRecord event) {
      ApplyResult result = state.apply(event.event());
      if (result instanceof ApplyResult.Applied) {
        applied.add(event.event());
      }
      return result;
    }
    rows.write(state.advanceWatermark(((LogRecord.WatermarkRecord) record).watermarkMs()));
    return null;
  }

  /** Processes records from the position to {@code end} (exclusive). */
  void processUntil(List<LogRecord> records, int end) {
    while (position < end) {
      process(records.get((int) position));
    }
  }

  Checkpoint checkpoint() {
    return new Checkpoint(state.progress(VIEW, 1), state.replayFromOffset().orElse(position));
  }

  /** Another instance takes over at {@code checkpoint} (null: none written, read from 0). */
  void takeOver(Checkpoint checkpoint) {
    state.release();
    if (checkpoint == null) {
      state =
          OpenState.empty(aggregator, latenessMs, SealedRows.TOPIC, SealedRows.PARTITION, budget);
      position = 0;
    } else {
      state =
          OpenState.restored(
              aggregator,
              latenessMs,
              SealedRows.TOPIC,
              SealedRows.PARTITION,
              checkpoint.progress(),
              budget);
      position = checkpoint.nextOffset();
    }
  }

  OpenState state() {
    return state;
  }

  long position() {
    return position;
  }

  /** The events applied, in order (meaningful for a run without takeovers). */
  List<Event> applied() {
    return applied;
  }
}
