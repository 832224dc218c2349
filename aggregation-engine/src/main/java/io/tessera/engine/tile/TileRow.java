package io.tessera.engine.tile;

import java.util.Arrays;
import java.util.Objects;

/**
 * A tile as stored: its key, what it covers, and the encoded IRs. Stores keep rows as they are;
 * only {@link TileCodec} reads the payload.
 *
 * @param key the tile's span
 * @param coveredOffset every event of this entity in the span with a normalized-topic offset at or
 *     below this is in the tile, and no other event is (invariant 2)
 * @param newestEventTimeMs the newest event time in the tile (the tail rule of the read plan)
 * @param payload the encoded IRs (see {@link TileCodec})
 */
public record TileRow(TileKey key, long coveredOffset, long newestEventTimeMs, byte[] payload) {
  public TileRow {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(payload, "payload");
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof TileRow row
        && key.equals(row.key)
        && coveredOffset == row.coveredOffset
        && newestEventTimeMs == row.newestEventTimeMs
        && Arrays.equals(payload, row.payload);
  }

  @Override
  public int hashCode() {
    return Objects.hash(key, coveredOffset, newestEventTimeMs, Arrays.hashCode(payload));
  }

  @Override
  public String toString() {
    return "TileRow[" + key + ", covered=" + coveredOffset + ", " + payload.length + " bytes]";
  }
}
