package io.tessera.backfill;

import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.open.ApplyResult;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.open.SealWrites;
import io.tessera.engine.sealed.SealedBatch;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.Tiling;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.streamcore.lineage.EventProjection;
import io.tessera.streamcore.lineage.Lineage;
import java.util.ArrayList;
import java.util.List;

/**
 * Seals one {@link WorkUnit} with the stream's own code: the unit's events, projected as a replica
 * projects them, go in event-time order into an {@link OpenState} of the unit's partition, which a
 * watermark advanced step by step seals; each seal's rows and manifests are written by {@link
 * SealWrites}, and the unit's coarse tiles, all of whose children are the unit's own, are rolled up
 * from those rows in memory at the end ({@link UnitRollup}) instead of read back. Nothing is read
 * back, so the unit writes into one {@link SealedBatch} of the store, committed when the unit ends:
 * a bulk store hands the unit's rows to Cassandra as whole SSTables. An event whose id its entity
 * already holds in an open tile is a duplicate, exactly as on the stream.
 */
final class UnitSeal {
  private final Lineage lineage;
  private final EventProjection projection;
  private final String topic;
  private final SealedStore store;
  private final OpenStateBudget budget;
  private final long stepMs;

  UnitSeal(Lineage lineage, String topic, SealedStore store, OpenStateBudget budget) {
    this.lineage = lineage;
    this.projection = new EventProjection(lineage.aggregator());
    this.topic = topic;
    this.store = store;
    this.budget = budget;
    Tiling tiling = new Tiling(lineage.aggregator().view().resolutions());
    // seal an hour (the level above the finest) at a time: writes of a useful size, memory of an
    // hour of the unit's entities
    this.stepMs = tiling.resolutionMs(Math.max(0, tiling.levels() - 2));
  }

  /** Seals and writes the unit's events; returns when everything is durable. */
  void seal(WorkUnit unit, List<NormalizedEvent> normalized, BackfillProgress progress) {
    List<Event> events = new ArrayList<>(normalized.size());
    for (NormalizedEvent event : normalized) {
      events.add(projection.event(event, Event.SEALED));
    }
    events.sort(EventOrder.CANONICAL);
    OpenState state = OpenState.empty(lineage.aggregator(), 0, topic, unit.partition(), budget);
    UnitRollup coarse = new UnitRollup(lineage.aggregator(), topic, unit.partition());
    try (SealedBatch writes = store.openBatch()) {
      long sealedThroughMs = unit.startMs();
      long applied = 0;
      long duplicates = 0;
      for (Event event : events) {
        long stepStartMs = Tiling.floor(event.eventTimeMs(), stepMs);
        if (stepStartMs > sealedThroughMs) {
          write(writes, coarse, state.advanceWatermark(stepStartMs, 0), progress);
          sealedThroughMs = stepStartMs;
        }
        ApplyResult result = state.apply(event);
        if (result instanceof ApplyResult.Applied) {
          applied++;
        } else if (result instanceof ApplyResult.Duplicate) {
          duplicates++;
        } else {
          throw new IllegalStateException(
              "event " + event.eventId() + " at " + event.eventTimeMs() + " is outside " + unit);
        }
      }
      write(writes, coarse, state.advanceWatermark(unit.endMs(), 0), progress);
      int closes = coarse.write(writes).join();
      writes.commit().toCompletableFuture().join();
      progress.wrote(0, closes);
      progress.applied(applied, duplicates);
    } finally {
      state.release();
    }
  }

  /** Writes a seal's rows and keeps them for the unit's roll-up; its closes come at the end. */
  private static void write(
      SealedBatch writes, UnitRollup coarse, SealResult result, BackfillProgress progress) {
    if (result.minutes().isEmpty()) {
      return;
    }
    SealWrites.rows(writes, result).join();
    coarse.add(result.minutes());
    progress.wrote(result.minutes().size(), 0);
  }
}
