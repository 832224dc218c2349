package io.tessera.engine.open;

import io.tessera.engine.encoding.IrOutput;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.ir.Ir;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.ViewProgress;
import io.tessera.engine.tile.CanonicalTiles;
import io.tessera.engine.tile.TileCodec;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.Tiling;
import io.tessera.engine.view.ViewAggregator;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.OptionalLong;
import java.util.TreeMap;

/**
 * The open state of one view lineage on one normalized-topic partition: the events of finest tiles
 * not sealed yet, per entity, and the view's watermark and seal point there. The aggregation owner
 * and every serving follower feed it the same records in the same order ({@link #apply} for events,
 * {@link #advanceWatermark} for the view's watermark records) and so hold the same state; the owner
 * also writes what {@link #advanceWatermark} returns. A processor writing to a store through one
 * port: this class decides, the caller performs the writes. It names the topic and partition it
 * reads because the manifests it asks to write are per partition: a coarse tile closed here rolls
 * up the entities sealed here, read back from the store ({@link CoarseCloser}).
 *
 * <p>Everything is a pure function of the records applied: no clock, and every output order comes
 * from sorted maps (hash maps here are only looked up, or decide only where spilled bytes sit in a
 * file). Past the process's {@link OpenStateBudget}, raw events move to spill files and are read
 * back where needed: what is decided stays the same, only where the events wait differs. Not
 * thread-safe: confine an instance to the partition's consumer thread, reads included, or guard it;
 * call {@link #release} when dropping it.
 */
public final class OpenState {
  /** No time yet: before every event (nothing sealed, no watermark). */
  public static final long NO_TIME = Long.MIN_VALUE;

  private static final Comparator<SealedMinute> ENTITY_THEN_START =
      Comparator.comparing((SealedMinute minute) -> minute.entity().entityKey())
          .thenComparingLong(minute -> minute.tile().key().startMs());

  private final ViewAggregator aggregator;
  private final Tiling tiling;
  private final long finestMs;
  private final long latenessMs;
  private final CanonicalTiles canonical;
  private final TileCodec codec;
  private final String topic;
  private final int partition;
  private final Map<String, OpenEntity> entities = new HashMap<>();
  // per open tile start, its entities in the order their tiles opened (each once: a start's tile
  // cannot reopen after its seal); sorted when the start seals
  private final NavigableMap<Long, List<String>> entitiesByTileStart = new TreeMap<>();
  // per open tile start, the lowest offset of its events: a checkpoint asks for the minimum often,
  // and there are a few open starts but up to millions of open tiles
  private final NavigableMap<Long, Long> minOffsetByTileStart = new TreeMap<>();
  private final OpenCoarseTiles coarse;
  private final HeldEvents held;
  private final IrOutput scratch = new IrOutput(); // encodes each applied event
  private final IdHashes ids = new IdHashes(); // the open events' fingerprints
  private final EventRecords records; // how the open events are bytes, in memory and spilled
  private long watermarkMs = NO_TIME;
  private long sealedBeforeMs = NO_TIME;
  private int openTiles;

  private OpenState(
      ViewAggregator aggregator,
      long latenessMs,
      String topic,
      int partition,
      OpenStateBudget budget) {
    if (latenessMs < 0) {
      throw new IllegalArgumentException("allowed lateness " + latenessMs + " ms is negative");
    }
    this.aggregator = aggregator;
    this.tiling = new Tiling(aggregator.view().resolutions());
    this.finestMs = tiling.finestMs();
    this.latenessMs = latenessMs;
    this.canonical = new CanonicalTiles(aggregator);
    this.codec = new TileCodec(aggregator);
    this.coarse = new OpenCoarseTiles(tiling);
    this.topic = topic;
    this.partition = partition;
    this.records = EventRecords.of(aggregator);
    this.held = new HeldEvents(budget, records);
  }

  /**
   * The state of a partition read from its start: nothing open, nothing sealed.
   *
   * @param aggregator the lineage's view; its name is the storage name sealed rows carry
   * @param latenessMs the view's allowed lateness
   * @param topic the normalized topic, which the manifests name
   * @param partition the normalized partition, which the manifests name
   */
  public static OpenState empty(
      ViewAggregator aggregator, long latenessMs, String topic, int partition) {
    return empty(aggregator, latenessMs, topic, partition, OpenStateBudget.unbounded());
  }

  /**
   * As {@link #empty(ViewAggregator, long, String, int)}, holding its events within {@code budget}.
   */
  public static OpenState empty(
      ViewAggregator aggregator,
      long latenessMs,
      String topic,
      int partition,
      OpenStateBudget budget) {
    return new OpenState(aggregator, latenessMs, topic, partition, budget);
  }

  /**
   * The state of a partition taken over at a checkpoint, before the replay from its {@code
   * nextOffset}: the watermark and seal point of {@code progress}, nothing open. Replayed events of
   * tiles sealed before the checkpoint come back {@link ApplyResult.TooLate} and count nothing. The
   * coarse tiles the seal point is in may have children the previous owner sealed: they are noted
   * as open, and their closes read those children's manifests from the store.
   */
  public static OpenState restored(
      ViewAggregator aggregator,
      long latenessMs,
      String topic,
      int partition,
      ViewProgress progress) {
    return restored(
        aggregator, latenessMs, topic, partition, progress, OpenStateBudget.unbounded());
  }

  /**
   * As {@link #restored(ViewAggregator, long, String, int, ViewProgress)}, within {@code budget}.
   */
  public static OpenState restored(
      ViewAggregator aggregator,
      long latenessMs,
      String topic,
      int partition,
      ViewProgress progress,
      OpenStateBudget budget) {
    OpenState state = new OpenState(aggregator, latenessMs, topic, partition, budget);
    state.watermarkMs = progress.watermarkMs();
    state.sealedBeforeMs = progress.sealedBeforeMs();
    if (state.sealedBeforeMs != NO_TIME) {
      state.coarse.note(state.sealedBeforeMs - state.finestMs, state.sealedBeforeMs);
    }
    return state;
  }

  /**
   * The state of a lineage whose history before {@code streamFromMs} (a boundary of its coarsest
   * tiles) is written by a backfill: sealed up to there from the start, so events before it come
   * back {@link ApplyResult.TooLate}, and no coarse tile spans the two writers.
   */
  public static OpenState startingAt(
      ViewAggregator aggregator,
      long latenessMs,
      String topic,
      int partition,
      long streamFromMs,
      OpenStateBudget budget) {
    OpenState state = new OpenState(aggregator, latenessMs, topic, partition, budget);
    if (Tiling.floor(streamFromMs, state.tiling.resolutionMs(0)) != streamFromMs) {
      throw new IllegalArgumentException(
          "a lineage's stream starts on a boundary of its coarsest tiles, not at " + streamFromMs);
    }
    state.sealedBeforeMs = streamFromMs;
    return state;
  }

  /**
   * Per coarse resolution of {@code aggregator}'s tiling, the time its tiles are closed through
   * when every finest tile before {@code sealedBeforeMs} is sealed.
   */
  public static Map<Long, Long> builtThroughAt(ViewAggregator aggregator, long sealedBeforeMs) {
    return new OpenCoarseTiles(new Tiling(aggregator.view().resolutions()))
        .builtThrough(sealedBeforeMs);
  }

  /**
   * Applies one event record, in the order of the partition's offsets (a backfill's events carry
   * none); see {@link ApplyResult} for the three outcomes.
   */
  public ApplyResult apply(Event event) {
    String entityKey = event.entityKey();
    OpenEntity entity = entities.get(entityKey);
    int idHash = TileEvents.hash(event.eventId());
    int fingerprint = fingerprint(entityKey, idHash);
    long timeMs = event.eventTimeMs();
    long startMs = Tiling.floor(timeMs, finestMs);
    // most events are new: one probe says so, and no tile is searched
    if (entity != null && ids.contains(fingerprint)) {
      Event applied = entity.applied(event.eventId(), idHash, startMs);
      if (applied != null) {
        return new ApplyResult.Duplicate(applied.offset());
      }
    }
    if (timeMs < sealedBeforeMs) {
      return new ApplyResult.TooLate(sealedBeforeMs);
    }
    if (entity == null) {
      entity = new OpenEntity();
      entities.put(entityKey, entity);
    }
    // most events go to a tile already open: they box no start and make no key
    OpenTile tile = entity.tile(startMs);
    long before = ids.estimatedBytes();
    if (tile == null) {
      tile = entity.open(entityKey, new TileKey(finestMs, startMs), records);
      opened(startMs, entityKey, event.offset());
    } else {
      before += tile.estimatedBytes();
    }
    long eventsBefore = tile.memoryEventBytes();
    tile.add(event, idHash, aggregator, scratch);
    ids.add(fingerprint);
    held.added(tile, eventsBefore, tile.estimatedBytes() + ids.estimatedBytes() - before);
    return new ApplyResult.Applied(tile.key());
  }

  /**
   * The key of {@link #ids}: 32 bits of the entity key and the event id. Two events that share one
   * only cost a search of the entity's tiles, which confirms against the event itself.
   */
  private static int fingerprint(String entityKey, int idHash) {
    return idHash ^ (entityKey.hashCode() * 0x9E3779B1);
  }

  /**
   * Notes the tile of {@code entityKey} at {@code startMs} that the event at {@code offset} opened.
   */
  private void opened(long startMs, String entityKey, long offset) {
    openTiles++;
    List<String> entityKeys = entitiesByTileStart.get(startMs);
    if (entityKeys == null) {
      entityKeys = new ArrayList<>();
      entitiesByTileStart.put(startMs, entityKeys);
      // records come in offset order: a tile start's first event has its lowest offset
      minOffsetByTileStart.put(startMs, offset);
    }
    entityKeys.add(entityKey);
  }

  /**
   * Gives back to the budget what this state holds and closes its spill files: call it when the
   * state is dropped (a partition revoked, a replica closing). The state must not be used after.
   */
  public void release() {
    held.release();
  }

  /**
   * Applies one watermark record of the view: seals (and forgets) every open finest tile with
   * {@code end + lateness <= watermark}, and closes the coarse tiles all of whose finest tiles are
   * now sealed, with one manifest per sealed tile start. A watermark at or behind the current one
   * changes nothing (watermarks are monotone).
   */
  public SealResult advanceWatermark(long newWatermarkMs) {
    return advanceWatermark(newWatermarkMs, latenessMs);
  }

  /**
   * As {@link #advanceWatermark(long)}, with the allowed lateness of the view version whose
   * watermark record this is. A version's definition never changes, so every replica and every
   * replay seals at the same record, whichever version it learned first; a lineage whose newer
   * version allows more lateness seals later from that version's records on (the seal point never
   * moves back).
   */
  public SealResult advanceWatermark(long newWatermarkMs, long versionLatenessMs) {
    return advance(newWatermarkMs, versionLatenessMs, false);
  }

  /**
   * As {@link #advanceWatermark(long, long)}, for a replica that does not write what it seals (a
   * serving follower): the sealed tiles come back as {@link SealResult#deferred()}, their rows
   * computed only when a read asks, and no manifests (they are for the writes). The seal point, the
   * closes and the progress are those of {@link #advanceWatermark(long, long)}.
   */
  public SealResult advanceWatermarkDeferred(long newWatermarkMs, long versionLatenessMs) {
    return advance(newWatermarkMs, versionLatenessMs, true);
  }

  private SealResult advance(long newWatermarkMs, long versionLatenessMs, boolean deferRows) {
    if (versionLatenessMs < 0) {
      throw new IllegalArgumentException(
          "allowed lateness " + versionLatenessMs + " ms is negative");
    }
    watermarkMs = Math.max(watermarkMs, newWatermarkMs);
    long newSealedBeforeMs = sealPoint(watermarkMs, versionLatenessMs);
    if (newSealedBeforeMs <= sealedBeforeMs) {
      return result(List.of(), List.of(), List.of(), List.of());
    }
    long previousSealedBeforeMs = sealedBeforeMs;
    sealedBeforeMs = newSealedBeforeMs;
    List<SealedMinute> minutes = new ArrayList<>();
    List<DeferredSeal> deferred = new ArrayList<>();
    List<SealedManifest> manifests = new ArrayList<>();
    long idsBefore = ids.estimatedBytes();
    // tile starts are finest-aligned, so start < seal point is the same as end <= seal point
    NavigableMap<Long, List<String>> due = entitiesByTileStart.headMap(sealedBeforeMs, false);
    for (Map.Entry<Long, List<String>> entry : due.entrySet()) {
      long startMs = entry.getKey();
      TileKey key = new TileKey(finestMs, startMs);
      List<String> entityKeys = entry.getValue();
      if (!deferRows) {
        entityKeys.sort(null);
        manifests.add(new SealedManifest(storageName(), topic, partition, key, entityKeys));
      }
      coarse.note(startMs, previousSealedBeforeMs);
      for (String entityKey : entityKeys) {
        OpenEntity entity = entities.get(entityKey);
        OpenTile tile = entity.remove(startMs);
        openTiles--;
        for (int i = 0; i < tile.eventCount(); i++) {
          ids.remove(fingerprint(entityKey, tile.idHash(i)));
        }
        EntityRef ref = new EntityRef(storageName(), entityKey);
        if (!deferRows) {
          minutes.add(tile.seal(ref, canonical, codec));
        } else if (tile.hasSpilledEvents()) {
          deferred.add(DeferredSeal.sealedNow(ref, tile, canonical, codec));
        } else {
          deferred.add(DeferredSeal.deferred(ref, tile, canonical, codec));
        }
        held.sealed(tile);
        if (entity.isEmpty()) {
          entities.remove(entityKey);
        }
      }
    }
    due.clear();
    ids.shrinkIfSparse();
    held.resized(ids.estimatedBytes() - idsBefore);
    minOffsetByTileStart.headMap(sealedBeforeMs, false).clear();
    held.sealedBefore(sealedBeforeMs);
    minutes.sort(ENTITY_THEN_START);
    return result(minutes, deferred, manifests, coarse.close(sealedBeforeMs));
  }

  /**
   * Folds into {@code into} the entity's open events with {@code fromMs <= eventTime < toMs}: whole
   * open tiles as their IR, a tile cut by either edge from its raw events, so the fold is exact to
   * the millisecond at both ends. Open events are all at or after {@link #sealedBeforeMs()}: the
   * sealed store supplies the rest, with no gap and no overlap.
   */
  public void fold(String entityKey, long fromMs, long toMs, Ir[] into) {
    OpenEntity entity = entities.get(entityKey);
    if (entity != null) {
      entity.foldInto(into, fromMs, toMs, finestMs, aggregator);
    }
  }

  /** The newest event time among the entity's open events, or {@link Ir#NO_EVENT_MS}. */
  public long newestEventTimeMs(String entityKey) {
    OpenEntity entity = entities.get(entityKey);
    return entity == null ? Ir.NO_EVENT_MS : entity.newestEventTimeMs();
  }

  /**
   * Where a replay must start for a restored state to equal this one: the lowest offset among the
   * events of open finest tiles. Coarse tiles still open need nothing from the log: the entities
   * they roll up are in the manifests written with their sealed children. Empty when no finest tile
   * is open: a replay may start at the position.
   */
  public OptionalLong replayFromOffset() {
    long min = Long.MAX_VALUE;
    for (long offset : minOffsetByTileStart.values()) {
      min = Math.min(min, offset);
    }
    return min == Long.MAX_VALUE ? OptionalLong.empty() : OptionalLong.of(min);
  }

  /** This view's part of a partition checkpoint; valid once every returned write is durable. */
  public ViewProgress progress(String view, int version) {
    return new ViewProgress(
        view, version, watermarkMs, sealedBeforeMs, coarse.builtThrough(sealedBeforeMs));
  }

  public long watermarkMs() {
    return watermarkMs;
  }

  /** Every finest tile ending at or before this is sealed; {@link #NO_TIME} while none is. */
  public long sealedBeforeMs() {
    return sealedBeforeMs;
  }

  /** Per coarse resolution, the time its tiles are closed through. */
  public Map<Long, Long> builtThroughMsByResolution() {
    return coarse.builtThrough(sealedBeforeMs);
  }

  /** The part of {@link #estimatedBytes} that is coarse tile starts, not held in the budget. */
  public long coarseEstimatedBytes() {
    return coarse.estimatedBytes();
  }

  /** The bytes of this state's raw events now in spill files. */
  public long spilledBytes() {
    return held.spilledBytes();
  }

  /** A rough heap size of the open events, their IRs and the open coarse tiles' starts. */
  public long estimatedBytes() {
    return held.bytes() + coarse.estimatedBytes();
  }

  public int openEntities() {
    return entities.size();
  }

  public int openTiles() {
    return openTiles;
  }

  public Tiling tiling() {
    return tiling;
  }

  public long latenessMs() {
    return latenessMs;
  }

  private String storageName() {
    return aggregator.view().name();
  }

  /** The finest boundary at or before {@code watermark - lateness}, without wrapping around. */
  private long sealPoint(long watermark, long lateness) {
    if (watermark < Long.MIN_VALUE + lateness + finestMs) {
      return NO_TIME;
    }
    return Tiling.floor(watermark - lateness, finestMs);
  }

  private SealResult result(
      List<SealedMinute> minutes,
      List<DeferredSeal> deferred,
      List<SealedManifest> manifests,
      List<CoarseClose> closes) {
    return new SealResult(
        watermarkMs,
        minutes,
        deferred,
        manifests,
        closes,
        sealedBeforeMs,
        coarse.builtThrough(sealedBeforeMs));
  }
}
