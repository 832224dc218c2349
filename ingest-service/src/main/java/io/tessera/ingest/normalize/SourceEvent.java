package io.tessera.ingest.normalize;

import io.tessera.records.deadletter.SourcePosition;
import java.util.Objects;

/**
 * One raw event as a source delivered it, before any decoding.
 *
 * @param payload the record's bytes, exactly as read (null for a Kafka tombstone)
 * @param position where it was read; also the seed of the derived event id
 * @param sourceTimeMs when it reached the source (Kafka record timestamp, Kinesis arrival time,
 *     push arrival), epoch ms: freshness is measured from here
 */
public record SourceEvent(byte[] payload, SourcePosition position, long sourceTimeMs) {

  public SourceEvent {
    Objects.requireNonNull(position, "position");
    payload = payload == null ? new byte[0] : payload;
  }
}
