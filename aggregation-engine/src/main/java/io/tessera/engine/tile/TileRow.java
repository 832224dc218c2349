package io.tessera.engine.tile;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tile as stored: its key and the encoded IRs. Stores keep rows as they are; only {@link
 * TileCodec} reads the payload. A function of the span's events alone, never of where they sat in a
 * log: streaming, a replay and a backfill of the same events store the same row (invariant 3).
 *
 * @param key the tile's span
 * @param newestEventTimeMs the newest event time in the tile (the tail rule of the read plan)
 * @param payload the encoded IRs (see {@link TileCodec})
 */
public record TileRow(TileKey key, long newestEventTimeMs, byte[] payload) {
  public TileRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TileRow row
        && key.equals(row.key)
        && newestEventTimeMs == row.newestEventTimeMs
        && Arrays.equals(payload, row.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, newestEventTimeMs, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "TileRow[" + key + ", " + payload.length + " bytes]";
  }
}
