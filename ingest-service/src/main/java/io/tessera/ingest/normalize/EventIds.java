package io.tessera.ingest.normalize;

import io.tessera.records.deadletter.SourcePosition;

/**
 * The event id of an event whose view declares no id column: its source position, which is the same
 * every time the event is read again (redelivery after a crash, a restart, a replay from the
 * dead-letter topic), so that downstream de-duplication on (view, entity, event id) absorbs it.
 *
 * <p>{@code kafka:<topic>:<partition>:<offset>}, {@code kinesis:<stream>:<shard>:<sequence>},
 * {@code push:<view>::<request id>:<index>}. The kind prefix keeps ids of different sources apart
 * when a view changes source between versions.
 */
public final class EventIds {

  private EventIds() {}

  public static String derive(SourcePosition position) {
    return position.kind()
        + ":"
        + position.name()
        + ":"
        + position.partition()
        + ":"
        + position.position();
  }
}
