package io.tessera.storage.sealed;

import java.util.List;

/**
 * The rows of one sealed minute: its tile row and its event chunks, all of one partition.
 *
 * @param bytes the tile and chunk blobs' size, what a batch of the CQL store is budgeted by
 */
public record EncodedMinute(SealedRow tile, List<SealedRow> events, long bytes) {
  public EncodedMinute {
    events = List.copyOf(events);
  }

  /** The partition the minute's rows belong to. */
  public List<Object> partitionKey() {
    return tile.partitionKey();
  }
}
