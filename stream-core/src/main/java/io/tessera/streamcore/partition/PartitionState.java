package io.tessera.streamcore.partition;

import io.tessera.engine.ir.Ir;
import io.tessera.engine.open.ApplyResult;
import io.tessera.engine.open.OpenState;
import io.tessera.engine.open.OpenStateBudget;
import io.tessera.engine.open.SealResult;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.ViewProgress;
import io.tessera.records.deadletter.DeadLetterReason;
import io.tessera.records.normalized.MalformedRecordException;
import io.tessera.records.normalized.NormalizedEvent;
import io.tessera.records.normalized.NormalizedRecord;
import io.tessera.records.normalized.NormalizedRecordCodec;
import io.tessera.records.normalized.SealMarker;
import io.tessera.records.normalized.Watermark;
import io.tessera.records.watermark.PartitionWatermarks;
import io.tessera.records.watermark.ViewVersion;
import io.tessera.streamcore.lineage.Lineage;
import io.tessera.streamcore.lineage.Lineages;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Function;

/**
 * One partition of the normalized topic as a replica holds it: the watermark of every view version
 * on it, and per tile lineage its open state. {@link #apply} takes the partition's records in
 * offset order and says what each one was ({@link RecordOutcome}); owner and follower run this same
 * code over the same records, so they decide the same and seal the same bytes.
 *
 * <p>Restored from a checkpoint, the state starts at the checkpoint's seal points and watermarks
 * and is fed the records from its {@code nextOffset}: records before its {@code positionOffset}
 * whose tile is sealed are {@link RecordOutcome.Replayed} (the previous owner applied or reported
 * them), after it {@link RecordOutcome.TooLate}. Everything still open at the checkpoint has an
 * offset at or after {@code nextOffset}, so the replay rebuilds it exactly (see {@code
 * io.tessera.engine.open}). That is all the replay covers: {@code nextOffset} is the oldest event
 * of a finest tile open at the checkpoint, since the coarse tiles still open find the entities they
 * roll up in the manifests the owner wrote with the sealed rows.
 *
 * <p>Thread-safe: the consumer thread applies records, request threads read ({@link #fold}); a
 * read-write lock keeps each read consistent with one point in the log.
 */
public final class PartitionState {

  private final String topic;
  private final int partition;
  private final Role role;
  private final Lineages lineages;
  private final RecordLimits limits;
  private final PartitionWatermarks watermarks;
  private final OpenStateBudget budget;
  private final Map<String, LineageState> byStorageName = new TreeMap<>();
  private final RestoredCheckpoint restored;
  private final ReadWriteLock lock = new ReentrantReadWriteLock();
  // the lineage of the latest record and its state (a state, once made, stays for its storage name)
  private Lineage lastLineage;
  private LineageState lastState;

  private PartitionState(
      String topic,
      int partition,
      Role role,
      Lineages lineages,
      RecordLimits limits,
      long publisherExpiryMs,
      PartitionCheckpoint checkpoint,
      OpenStateBudget budget) {
    this.topic = topic;
    this.partition = partition;
    this.role = role;
    this.lineages = lineages;
    this.limits = limits;
    this.watermarks = new PartitionWatermarks(publisherExpiryMs);
    this.budget = budget;
    this.restored = RestoredCheckpoint.of(checkpoint, lineages);
    for (ViewProgress progress : restored.views()) {
      if (progress.watermarkMs() != OpenState.NO_TIME) {
        watermarks.restore(
            new ViewVersion(progress.view(), progress.version()), progress.watermarkMs());
      }
    }
  }

  /**
   * A partition read from its first record, or taken over at {@code checkpoint} (then feed it the
   * records from {@code checkpoint.nextOffset()}), holding its open state within the process's
   * {@code budget}; {@link #release} it when dropping it.
   *
   * @param publisherExpiryMs see {@link PartitionWatermarks}
   */
  public static PartitionState start(
      String topic,
      int partition,
      Role role,
      Lineages lineages,
      RecordLimits limits,
      long publisherExpiryMs,
      Optional<PartitionCheckpoint> checkpoint,
      OpenStateBudget budget) {
    PartitionCheckpoint from = checkpoint.orElse(null);
    if (from != null && (!from.topic().equals(topic) || from.partition() != partition)) {
      throw new IllegalArgumentException("checkpoint of another partition: " + from);
    }
    return new PartitionState(
        topic, partition, role, lineages, limits, publisherExpiryMs, from, budget);
  }

  /** The offset to read from: the checkpoint's {@code nextOffset}, or 0. */
  public static long startOffset(Optional<PartitionCheckpoint> checkpoint) {
    return checkpoint.map(PartitionCheckpoint::nextOffset).orElse(0L);
  }

  /** Applies the record at {@code offset}; records must come in offset order. */
  public RecordOutcome apply(long offset, byte[] value) {
    if (value != null && value.length > limits.maxRecordBytes()) {
      return new RecordOutcome.Poison(
          DeadLetterReason.TOO_LARGE,
          "normalized record of "
              + value.length
              + " bytes exceeds the limit of "
              + limits.maxRecordBytes(),
          "",
          1);
    }
    NormalizedRecord record;
    try {
      record = NormalizedRecordCodec.decode(value);
    } catch (MalformedRecordException e) {
      return new RecordOutcome.Poison(DeadLetterReason.MALFORMED_PAYLOAD, e.getMessage(), "", 1);
    }
    lock.writeLock().lock();
    try {
      if (record instanceof NormalizedEvent event) {
        return applyEvent(offset, event);
      }
      if (record instanceof Watermark watermark) {
        return applyWatermark(watermark);
      }
      return applyMarker((SealMarker) record);
    } finally {
      lock.writeLock().unlock();
    }
  }

  private RecordOutcome applyEvent(long offset, NormalizedEvent event) {
    if (limits.keyTooLong(event.entityKey())) {
      int keyBytes = event.entityKey().getBytes(StandardCharsets.UTF_8).length;
      return new RecordOutcome.Poison(
          DeadLetterReason.TOO_LARGE,
          "entity key of " + keyBytes + " bytes exceeds the limit of " + limits.maxEntityKeyBytes(),
          event.view(),
          event.viewVersion());
    }
    Optional<Lineage> lineage = lineages.of(event.view(), event.viewVersion());
    if (lineage.isEmpty()) {
      return new RecordOutcome.UnknownView(event.view(), event.viewVersion());
    }
    LineageState state = state(lineage.get());
    String storageName = state.lineage.storageName();
    ApplyResult result = state.open.apply(state.event(event, offset));
    if (result instanceof ApplyResult.Applied) {
      return new RecordOutcome.Applied(storageName, event);
    }
    if (result instanceof ApplyResult.Duplicate) {
      return new RecordOutcome.Duplicate(storageName, event);
    }
    if (event.eventTimeMs() < state.lineage.streamFromMs()) {
      return new RecordOutcome.Backfilled(storageName, event);
    }
    if (offset < restored.positionOffset()) {
      return new RecordOutcome.Replayed(storageName, event);
    }
    return new RecordOutcome.TooLate(
        storageName, event, ((ApplyResult.TooLate) result).sealedBeforeMs());
  }

  private RecordOutcome applyWatermark(Watermark record) {
    Optional<Lineage> lineage = lineages.of(record.view(), record.viewVersion());
    if (lineage.isEmpty()) {
      return new RecordOutcome.Skipped(); // the next one follows within a second
    }
    long watermarkMs = watermarks.apply(record);
    if (watermarkMs == PartitionWatermarks.NONE) {
      return new RecordOutcome.Skipped();
    }
    // the lateness of the record's own version: immutable, so every replica seals alike
    SealResult result = state(lineage.get()).advance(watermarkMs, lineage.get().latenessMs());
    return result.isEmpty()
        ? new RecordOutcome.Skipped()
        : new RecordOutcome.Sealed(lineage.get(), result);
  }

  private RecordOutcome applyMarker(SealMarker marker) {
    Optional<Lineage> lineage = lineages.of(marker.view(), marker.viewVersion());
    if (lineage.isEmpty()) {
      return new RecordOutcome.Skipped();
    }
    LineageState state = state(lineage.get());
    state.durable(marker.sealedBeforeMs(), marker.builtThroughMsByResolution());
    return new RecordOutcome.Marked(state.lineage.storageName(), state.durableSealedBeforeMs());
  }

  private LineageState state(Lineage lineage) {
    if (lineage == lastLineage) {
      return lastState; // most records are of the lineage the previous one was
    }
    LineageState state = byStorageName.get(lineage.storageName());
    if (state == null) {
      state =
          new LineageState(
              lineage, topic, partition, restored.progress(lineage.storageName()), role, budget);
      byStorageName.put(lineage.storageName(), state);
    }
    lastLineage = lineage;
    lastState = state;
    return state;
  }

  /**
   * A follower calls this once per settle period (longer than the finest tile, so a streaming
   * view's next marker comes first): a seal marker held back since the previous call becomes every
   * lineage's read cut, so a quiet stream's last seal is read from the store too ({@code
   * LineageState}).
   */
  public void settleMarkers() {
    lock.writeLock().lock();
    try {
      byStorageName.values().forEach(LineageState::settle);
    } finally {
      lock.writeLock().unlock();
    }
  }

  /**
   * One range of a multi-range {@link #fold(String, String, List)}: the entity's events with {@code
   * fromMs <= eventTime < toMs} that memory holds go into {@code into}.
   */
  public record Fold(long fromMs, long toMs, Ir[] into) {}

  /**
   * Folds into {@code into} the entity's events with {@code fromMs <= eventTime < toMs} that memory
   * holds, which are exactly those at or after the returned durable seal point: the caller reads
   * the rest, {@code [fromMs, min(toMs, sealedBeforeMs))}, from the store. Both parts come from one
   * point in the log, so every event counts once.
   *
   * @return the lineage's durable progress the fold was cut at
   */
  public DurableProgress fold(
      String storageName, String entityKey, long fromMs, long toMs, Ir[] into) {
    return fold(storageName, entityKey, List.of(new Fold(fromMs, toMs, into)));
  }

  /**
   * Folds several ranges of one entity (a view's windows) under one acquisition of the lock, so all
   * of them are cut at the same durable seal point: the one returned, which the caller plans every
   * window's store part over.
   */
  public DurableProgress fold(String storageName, String entityKey, List<Fold> folds) {
    lock.readLock().lock();
    try {
      LineageState state = byStorageName.get(storageName);
      if (state == null) {
        return restored.durable(storageName); // memory holds nothing of it
      }
      long durableMs = state.durableSealedBeforeMs();
      for (Fold fold : folds) {
        state.fold(entityKey, Math.max(fold.fromMs(), durableMs), fold.toMs(), fold.into());
      }
      return new DurableProgress(durableMs, state.durableBuiltThroughMs());
    } finally {
      lock.readLock().unlock();
    }
  }

  /** What the store holds of the lineage on this partition, as markers have said so far. */
  public DurableProgress durable(String storageName) {
    DurableProgress seen =
        readLineage(
            storageName,
            state ->
                new DurableProgress(state.durableSealedBeforeMs(), state.durableBuiltThroughMs()),
            null);
    return seen != null ? seen : restored.durable(storageName);
  }

  /** The newest event time memory holds for the entity, or {@link Ir#NO_EVENT_MS}. */
  public long newestEventTimeMs(String storageName, String entityKey) {
    return readLineage(storageName, state -> state.newestEventTimeMs(entityKey), Ir.NO_EVENT_MS);
  }

  /**
   * The lineage's watermark on this partition, or {@link OpenState#NO_TIME}. A lineage no record
   * has reached since the restore has the checkpoint's: a replica restored where nothing of it is
   * left to replay is exactly as far as the checkpoint, not unknown.
   */
  public long watermarkMs(String storageName) {
    Long seen = readLineage(storageName, state -> state.open.watermarkMs(), null);
    if (seen != null) {
      return seen;
    }
    ViewProgress found = restored.progress(storageName);
    return found == null ? OpenState.NO_TIME : found.watermarkMs();
  }

  /** The watermark of every lineage a record of has been applied here, by storage name. */
  public Map<String, Long> watermarks() {
    lock.readLock().lock();
    try {
      Map<String, Long> watermarks = new TreeMap<>();
      byStorageName.forEach(
          (storageName, state) -> {
            if (state.open.watermarkMs() != OpenState.NO_TIME) {
              watermarks.put(storageName, state.open.watermarkMs());
            }
          });
      return watermarks;
    } finally {
      lock.readLock().unlock();
    }
  }

  /** Reads one lineage's state under the read lock, or answers {@code absent} for an unseen one. */
  private <T> T readLineage(String storageName, Function<LineageState, T> read, T absent) {
    lock.readLock().lock();
    try {
      LineageState state = byStorageName.get(storageName);
      return state == null ? absent : read.apply(state);
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * The checkpoint of this partition with every record before {@code positionOffset} applied. Valid
   * once every write asked for so far ({@link RecordOutcome.Sealed}) is durable.
   */
  public PartitionCheckpoint checkpoint(long positionOffset) {
    lock.readLock().lock();
    try {
      long nextOffset = positionOffset;
      List<ViewProgress> views = new ArrayList<>();
      for (LineageState state : byStorageName.values()) {
        OptionalLong replayFrom = state.open.replayFromOffset();
        if (replayFrom.isPresent()) {
          nextOffset = Math.min(nextOffset, replayFrom.getAsLong());
        }
        views.add(state.progress());
      }
      // A lineage not seen since the restore keeps its restored progress.
      views.addAll(restored.carriedOver(byStorageName.keySet()));
      return new PartitionCheckpoint(topic, partition, nextOffset, positionOffset, views);
    } finally {
      lock.readLock().unlock();
    }
  }

  /** A rough heap size of everything this partition holds in memory. */
  public long estimatedBytes() {
    lock.readLock().lock();
    try {
      long bytes = 0;
      for (LineageState state : byStorageName.values()) {
        bytes += state.estimatedBytes();
      }
      return bytes;
    } finally {
      lock.readLock().unlock();
    }
  }

  /**
   * Gives the open state's memory back to the budget and closes its spill files: the partition was
   * revoked or lost, or the replica stops. No record may be applied after.
   */
  public void release() {
    lock.writeLock().lock();
    try {
      byStorageName.values().forEach(LineageState::release);
    } finally {
      lock.writeLock().unlock();
    }
  }

  public int partition() {
    return partition;
  }

  public Role role() {
    return role;
  }
}
