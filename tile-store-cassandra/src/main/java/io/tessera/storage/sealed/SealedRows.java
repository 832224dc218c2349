package io.tessera.storage.sealed;

import io.tessera.engine.event.EntityRef;
import io.tessera.engine.event.Event;
import io.tessera.engine.event.EventOrder;
import io.tessera.engine.sealed.SealedManifest;
import io.tessera.engine.sealed.SealedMinute;
import io.tessera.engine.tile.TileKey;
import io.tessera.engine.tile.TileRow;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;

/**
 * The one encoding of the port's writes into rows of the sealed layout: keys ({@link SealedKeys}),
 * blobs ({@link EventChunkCodec}, manifest chunks) and TTLs ({@link ViewRetention}). The CQL store
 * and a bulk writer both write what this returns, so a row is the same bytes whichever way it went.
 *
 * <p>Arguments the port forbids throw {@link IllegalArgumentException}: a minute whose tile is not
 * of its view's finest resolution, or a finest tile given as a coarse one; stored, they could never
 * be read back.
 */
public final class SealedRows {

  /** Cassandra's largest TTL: 20 years. */
  private static final long MAX_TTL_SECONDS = 630_720_000L;

  private final FinestResolution finest;
  private final ViewRetention retention;

  public SealedRows(FinestResolution finest, ViewRetention retention) {
    this.finest = finest;
    this.retention = retention;
  }

  /** A sealed minute's tile row and its events in canonical order, cut into chunks. */
  public EncodedMinute minute(SealedMinute minute) {
    EntityRef entity = minute.entity();
    TileRow tile = minute.tile();
    TileKey key = tile.key();
    long finestMs = finest.finestMs(entity.view());
    if (key.resolutionMs() != finestMs) {
      throw new IllegalArgumentException(
          "sealed tile " + key + " is not of the finest " + finestMs + " ms");
    }
    long bucket = SealedKeys.minuteBucket(key.startMs());
    int ttl = ttlSeconds(entity.view());
    SealedRow tileRow =
        new SealedRow(
            SealedInsert.MINUTE_TILE,
            List.of(
                entity.view(),
                entity.entityKey(),
                bucket,
                key.startMs(),
                key.resolutionMs(),
                tile.newestEventTimeMs(),
                ByteBuffer.wrap(tile.payload()),
                ttl));
    List<Event> canonical = new ArrayList<>(minute.events());
    canonical.sort(EventOrder.CANONICAL);
    List<byte[]> chunks =
        EventChunkCodec.encode(entity.entityKey(), canonical, EventChunkCodec.TARGET_CHUNK_BYTES);
    List<SealedRow> chunkRows = new ArrayList<>(chunks.size());
    long bytes = tile.payload().length;
    for (int i = 0; i < chunks.size(); i++) {
      chunkRows.add(
          new SealedRow(
              SealedInsert.MINUTE_EVENTS,
              List.of(
                  entity.view(),
                  entity.entityKey(),
                  bucket,
                  key.startMs(),
                  i,
                  ByteBuffer.wrap(chunks.get(i)),
                  ttl)));
      bytes += chunks.get(i).length;
    }
    return new EncodedMinute(tileRow, chunkRows, bytes);
  }

  /** Closed coarse tiles of one entity, one row each. */
  public List<SealedRow> tiles(EntityRef entity, List<TileRow> tiles) {
    long finestMs = finest.finestMs(entity.view());
    List<SealedRow> rows = new ArrayList<>(tiles.size());
    for (TileRow tile : tiles) {
      TileKey key = tile.key();
      if (key.resolutionMs() == finestMs) {
        throw new IllegalArgumentException(
            "finest tile " + key + " must be written with its events (writeMinutes)");
      }
      rows.add(
          new SealedRow(
              SealedInsert.COARSE_TILE,
              List.of(
                  entity.view(),
                  entity.entityKey(),
                  key.resolutionMs(),
                  SealedKeys.tileBucket(key.resolutionMs(), key.startMs()),
                  key.startMs(),
                  tile.newestEventTimeMs(),
                  ByteBuffer.wrap(tile.payload()))));
    }
    return rows;
  }

  /** A manifest's chunk rows ({@link ManifestTable#chunks}), each carrying the chunk count. */
  public List<SealedRow> manifest(SealedManifest manifest) {
    TileKey key = manifest.tile();
    long bucket = SealedKeys.manifestBucket(key.startMs());
    List<List<String>> chunks = ManifestTable.chunks(manifest.entityKeys());
    int ttl = ttlSeconds(manifest.storageName());
    List<SealedRow> rows = new ArrayList<>(chunks.size());
    for (int chunk = 0; chunk < chunks.size(); chunk++) {
      rows.add(
          new SealedRow(
              SealedInsert.MANIFEST,
              List.of(
                  manifest.storageName(),
                  manifest.topic(),
                  manifest.partition(),
                  bucket,
                  key.resolutionMs(),
                  key.startMs(),
                  chunk,
                  chunks.size(),
                  List.copyOf(chunks.get(chunk)),
                  ttl)));
    }
    return rows;
  }

  /** The TTL of a view's sealed rows and manifests: its retention, 0 (none) for forever. */
  private int ttlSeconds(String view) {
    long ms = retention.retentionMs(view);
    return ms <= 0 ? 0 : (int) Math.min(MAX_TTL_SECONDS, Math.max(1, ms / 1000));
  }
}
