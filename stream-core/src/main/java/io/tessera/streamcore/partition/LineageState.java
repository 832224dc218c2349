package io.tessera.streamcore.partition;

import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.sealed.ViewProgress;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.EventProjection;
import io.tessera.streamcore.lineage.Lineage;
import java.util.HashMap;
import java.util.Map;

/**
 * One lineage on one partition: its open state and, on a follower, what it sealed that the store
 * may not hold yet, with the seal point up to which reads take the store ({@code
 * durableSealedBeforeMs}).
 *
 * <p>A follower reads the store only up to the marker before the newest one: what the newest marker
 * made durable is still read from memory until the next marker comes. A marker follows the owner's
 * writes of a whole seal (every entity's row of a minute, a burst the node takes seconds to
 * absorb), and reads that went to the node for the minute just written met that burst: with its
 * reads timing out and its circuit breaker open, the freshness probes' tail (p99 10 s on a shared
 * box) fell entirely in the first seconds of each minute. A minute longer in memory costs the
 * buffer one more minute, within the same budget.
 *
 * <p>When no next marker comes (the stream went quiet, or a replayed history ended: its last seal
 * may span hours of every entity), the held-back marker settles instead ({@link #settle}): memory
 * would otherwise answer for that span for good, re-merging its minutes on every read where the
 * store answers with a few cached coarse tiles.
 */
final class LineageState {
  final Lineage lineage;
  final OpenState open;
  private final EventProjection projection;
  private final SealedBuffer buffer; // followers only
  private long durableSealedBeforeMs;
  private Map<Long, Long> durableBuiltThroughMs;
  // followers: the newest marker's progress, applied when a marker with a later seal point comes
  private long heldBackSealedBeforeMs = OpenState.NO_TIME;
  private Map<Long, Long> heldBackBuiltThroughMs = Map.of();
  private boolean heldBackSettling; // a settle call has seen the held-back marker already

  LineageState(
      Lineage lineage,
      String topic,
      int partition,
      ViewProgress restored,
      Role role,
      OpenStateBudget budget) {
    this.lineage = lineage;
    this.projection = new EventProjection(lineage.aggregator());
    if (restored != null) {
      this.open =
          OpenState.restored(
              lineage.aggregator(), lineage.latenessMs(), topic, partition, restored, budget);
    } else if (lineage.streamFromMs() != OpenState.NO_TIME) {
      this.open =
          OpenState.startingAt(
              lineage.aggregator(),
              lineage.latenessMs(),
              topic,
              partition,
              lineage.streamFromMs(),
              budget);
    } else {
      this.open =
          OpenState.empty(lineage.aggregator(), lineage.latenessMs(), topic, partition, budget);
    }
    this.buffer =
        role == Role.FOLLOWER
            ? new SealedBuffer(lineage.aggregator(), open.tiling().finestMs(), budget)
            : null;
    // A checkpoint is written once everything it names is durable; before a lineage's stream
    // start, the store holds what its backfill wrote.
    this.durableSealedBeforeMs =
        restored == null ? open.sealedBeforeMs() : restored.sealedBeforeMs();
    this.durableBuiltThroughMs =
        restored == null
            ? open.builtThroughMsByResolution()
            : restored.builtThroughMsByResolution();
  }

  /** The event as the open state keeps it until its minute seals ({@link EventProjection}). */
  Event event(NormalizedEvent normalized, long offset) {
    return projection.event(normalized, offset);
  }

  /** Applies a watermark record of a version of this lineage that allows {@code latenessMs}. */
  SealResult advance(long watermarkMs, long latenessMs) {
    if (buffer == null) {
      return open.advanceWatermark(watermarkMs, latenessMs);
    }
    // a follower writes nothing: its rows are computed only where reads need them
    SealResult result = open.advanceWatermarkDeferred(watermarkMs, latenessMs);
    buffer.add(result.deferred());
    return result;
  }

  /**
   * The owner's marker: rows before {@code sealedBeforeMs} and coarse tiles through their
   * built-through times are in the store. Markers of a zombie may arrive late: the newest wins.
   */
  void durable(long sealedBeforeMs, Map<Long, Long> builtThroughMs) {
    if (buffer == null) {
      advanceDurable(sealedBeforeMs, builtThroughMs);
      return;
    }
    if (sealedBeforeMs > heldBackSealedBeforeMs) {
      advanceDurable(heldBackSealedBeforeMs, heldBackBuiltThroughMs);
      heldBackSealedBeforeMs = sealedBeforeMs;
      heldBackSettling = false;
    }
    heldBackBuiltThroughMs = merged(heldBackBuiltThroughMs, builtThroughMs);
  }

  /**
   * Called by a follower once per settle period: the held-back marker that a previous call already
   * saw (so it is at least one period old) becomes the read cut, as the next marker would make it.
   * Where reads take a span from changes, never what they count: the marker said it is durable.
   */
  void settle() {
    if (buffer == null || heldBackSealedBeforeMs == OpenState.NO_TIME) {
      return;
    }
    if (heldBackSettling) {
      advanceDurable(heldBackSealedBeforeMs, heldBackBuiltThroughMs);
    } else {
      heldBackSettling = true;
    }
  }

  private void advanceDurable(long sealedBeforeMs, Map<Long, Long> builtThroughMs) {
    if (sealedBeforeMs > durableSealedBeforeMs) {
      durableSealedBeforeMs = sealedBeforeMs;
      if (buffer != null) {
        buffer.release(sealedBeforeMs);
      }
    }
    durableBuiltThroughMs = merged(durableBuiltThroughMs, builtThroughMs);
  }

  private static Map<Long, Long> merged(Map<Long, Long> known, Map<Long, Long> builtThroughMs) {
    Map<Long, Long> merged = new HashMap<>(known);
    builtThroughMs.forEach((resolution, through) -> merged.merge(resolution, through, Math::max));
    return Map.copyOf(merged);
  }

  long durableSealedBeforeMs() {
    return durableSealedBeforeMs;
  }

  Map<Long, Long> durableBuiltThroughMs() {
    return durableBuiltThroughMs;
  }

  /** Folds what memory holds of {@code [fromMs, toMs)}: buffered sealed tiles, then open ones. */
  void fold(String entityKey, long fromMs, long toMs, Ir[] into) {
    if (buffer != null) {
      buffer.fold(entityKey, fromMs, toMs, into);
    }
    open.fold(entityKey, fromMs, toMs, into);
  }

  long newestEventTimeMs(String entityKey) {
    long buffered = buffer == null ? Ir.NO_EVENT_MS : buffer.newestEventTimeMs(entityKey);
    return Math.max(buffered, open.newestEventTimeMs(entityKey));
  }

  /** Gives back to the budget what this lineage holds: the replica drops the partition. */
  void release() {
    open.release();
    if (buffer != null) {
      buffer.close();
    }
  }

  long estimatedBytes() {
    return open.estimatedBytes() + (buffer == null ? 0 : buffer.estimatedBytes());
  }

  ViewProgress progress() {
    return open.progress(lineage.view(), lineage.newestVersion());
  }
}
