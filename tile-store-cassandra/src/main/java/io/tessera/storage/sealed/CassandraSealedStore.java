package io.tessera.storage.sealed;

import com.datastax.oss.driver.api.core.ConsistencyLevel;
import com.datastax.oss.driver.api.core.CqlSession;
import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.sealed.PartitionCheckpoint;
import io.tessera.engine.sealed.SealedBlocks;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.sealed.SealedStore;
import io.tessera.engine.tile.TileRow;
import io.tessera.engine.tile.Tiling;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Supplier;

/**
 * The storage port on Cassandra: asynchronous, prepared statements, idempotent upserts only, no
 * lightweight transactions, {@code LOCAL_QUORUM} (a reader in another service sees every
 * acknowledged write). Finest tiles are read from the sealed rows (which hold them with their
 * events) and coarser ones from the tile table; {@link FinestResolution} says which is which.
 * Sealed rows and manifests expire with the view's retention; coarse tiles and checkpoints do not
 * (lifetime windows read day tiles of any age).
 *
 * <p>Arguments the port forbids (a finest tile given to {@code writeTiles}, a minute whose tile is
 * not of the view's finest resolution, a range over more than {@link
 * SealedKeys#MAX_PARTITIONS_PER_READ} partitions) fail the returned stage with {@link
 * IllegalArgumentException}: stored, they could never be read back.
 */
public final class CassandraSealedStore implements SealedStore {
  private static final ConsistencyLevel CONSISTENCY = ConsistencyLevel.LOCAL_QUORUM;

  private final SealedMinuteTable minutes;
  private final CoarseTileTable tiles;
  private final ManifestTable manifests;
  private final CheckpointTable checkpoints;
  private final FinestResolution finest;
  private final SealedRows rows;

  /** A store over existing tables (see {@link SealedSchema#create}). */
  public CassandraSealedStore(
      CqlSession session, SealedSchema schema, FinestResolution finest, ViewRetention retention) {
    this(session, schema, finest, retention, SealedMinuteTable.MAX_BATCH_BYTES);
  }

  /** With another batch budget: tests reach the path of minutes too large for one batch. */
  CassandraSealedStore(
      CqlSession session,
      SealedSchema schema,
      FinestResolution finest,
      ViewRetention retention,
      long maxBatchBytes) {
    // one admission for all tables: a seal's rows, manifests and roll-ups share Cassandra
    WriteAdmission writes = new WriteAdmission(session::executeAsync, WriteAdmission.DEFAULT_LIMIT);
    this.minutes = new SealedMinuteTable(session, writes, schema, CONSISTENCY, maxBatchBytes);
    this.tiles = new CoarseTileTable(session, writes, schema, CONSISTENCY);
    this.manifests = new ManifestTable(session, writes, schema, CONSISTENCY);
    this.checkpoints = new CheckpointTable(session, writes, schema, CONSISTENCY);
    this.finest = finest;
    this.rows = new SealedRows(finest, retention);
  }

  /**
   * The blocks this store reads an entity's rows by, one query each: its partitions ({@link
   * SealedKeys}). A cache keyed by them misses once per partition.
   */
  public static SealedBlocks blocks(FinestResolution finest) {
    return new SealedBlocks(
        finest::finestMs, SealedKeys.MINUTE_BUCKET_MS, SealedKeys.TILES_PER_PARTITION);
  }

  @Override
  public CompletionStage<Void> writeMinutes(List<SealedMinute> sealed) {
    return guarded(() -> minutes.write(sealed.stream().map(rows::minute).toList()));
  }

  @Override
  public CompletionStage<Void> writeManifests(List<SealedManifest> written) {
    return guarded(
        () -> manifests.write(written.stream().flatMap(m -> rows.manifest(m).stream()).toList()));
  }

  @Override
  public CompletionStage<List<SealedManifest>> readManifests(
      String storageName, String topic, int partition, long resolutionMs, long fromMs, long toMs) {
    return guarded(
        () ->
            BucketReads.inOrder(
                SealedKeys.buckets(fromMs, toMs, SealedKeys.MANIFEST_BUCKET_MS),
                bucket ->
                    manifests.read(
                        storageName, topic, partition, bucket, resolutionMs, fromMs, toMs)));
  }

  @Override
  public CompletionStage<Void> writeTiles(EntityRef entity, List<TileRow> written) {
    return guarded(() -> tiles.write(rows.tiles(entity, written)));
  }

  @Override
  public CompletionStage<List<TileRow>> readTiles(
      EntityRef entity, long resolutionMs, long fromMs, long toMs) {
    return guarded(
        () -> {
          if (resolutionMs == finest.finestMs(entity.view())) {
            return BucketReads.inOrder(
                SealedKeys.buckets(fromMs, toMs, SealedKeys.MINUTE_BUCKET_MS),
                bucket -> minutes.readTiles(entity, bucket, resolutionMs, fromMs, toMs));
          }
          return BucketReads.inOrder(
              SealedKeys.buckets(fromMs, toMs, SealedKeys.tileBucketSpanMs(resolutionMs)),
              bucket -> tiles.read(entity, resolutionMs, bucket, fromMs, toMs));
        });
  }

  @Override
  public CompletionStage<List<Event>> readEvents(EntityRef entity, long fromMs, long toMs) {
    return guarded(
        () -> {
          if (fromMs >= toMs) {
            return CompletableFuture.completedFuture(List.<Event>of());
          }
          // The row holding fromMs starts at or before it.
          long finestMs = finest.finestMs(entity.view());
          long firstStartMs =
              fromMs < Long.MIN_VALUE + finestMs ? Long.MIN_VALUE : Tiling.floor(fromMs, finestMs);
          return BucketReads.inOrder(
                  SealedKeys.buckets(firstStartMs, toMs, SealedKeys.MINUTE_BUCKET_MS),
                  bucket -> minutes.readEvents(entity, bucket, firstStartMs, toMs))
              .thenApply(
                  events ->
                      events.stream()
                          .filter(e -> e.eventTimeMs() >= fromMs && e.eventTimeMs() < toMs)
                          .toList());
        });
  }

  @Override
  public CompletionStage<Void> writeCheckpoint(PartitionCheckpoint checkpoint) {
    return checkpoints.write(checkpoint);
  }

  @Override
  public CompletionStage<Optional<PartitionCheckpoint>> readCheckpoint(
      String topic, int partition) {
    return checkpoints.read(topic, partition);
  }

  /** Runs {@code work}, turning an exception thrown before any I/O into a failed stage. */
  private static <T> CompletionStage<T> guarded(Supplier<CompletionStage<T>> work) {
    try {
      return work.get();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
